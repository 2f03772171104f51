/**
 * Every way the sandbox can misbehave on purpose. Each name is one behaviour,
 * documented in FAULT_CATALOG (what it does, where it applies).
 */
export const FAULT_NAMES = [
  'rate-limit-retry-after-seconds',
  'rate-limit-retry-after-date',
  'rate-limit-no-retry-after',
  'server-error-500',
  'server-error-502',
  'server-error-503',
  'connection-reset',
  'stalled-body',
  'silent-answer',
  'truncated-body',
  'overlong-body',
  'replaced-mid-transfer',
  'invalid-json',
  'unknown-status',
  'expired-signed-url',
  'download-202-after-complete',
  'job-fails',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** Where in a job's life a request sits: starting it, polling it, fetching its file. */
export const FAULT_STAGES = ['start', 'poll', 'download'] as const;
export type FaultStage = (typeof FAULT_STAGES)[number];

export const VENDORS = ['omni', 'videodb', 'closient'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isFaultName(value: string): value is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(value);
}
