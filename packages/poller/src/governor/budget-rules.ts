import type { BudgetKey } from './governor.js';
import type { RateLimitPolicy } from './sliding-window.js';

/** The default ceiling of a 429's pause (see `maxPauseMs`). */
export const DEFAULT_MAX_PAUSE_MS = 15 * 60_000;

/** Where an unhinted 429's probing backoff stops doubling when the key has no quota window of its own. */
const PROBE_CAP_WITHOUT_WINDOW_MS = 60_000;

/** The quotas a key runs under: the governor's `limits` for its vendor when given (even `[]`), else the documented ones. */
export function quotasFor(key: BudgetKey, limits: Readonly<Record<string, readonly RateLimitPolicy[]>>): readonly RateLimitPolicy[] {
  return (Object.hasOwn(limits, key.vendor) ? limits[key.vendor] : key.quotas) ?? [];
}

/**
 * How long a hinted 429 may pause a key: its hint, but never beyond
 * `maxPauseMs` — unless the key's own longest window is longer (a daily
 * quota's reset is credible).
 */
export function cappedPauseMs(ms: number, maxPauseMs: number, policies: readonly RateLimitPolicy[]): number {
  return Math.min(ms, Math.max(maxPauseMs, ...policies.map((p) => p.windowMs)));
}

/** Where an unhinted 429's probing backoff stops doubling: the key's shortest window, else a minute. */
export function probeCapMs(policies: readonly RateLimitPolicy[]): number {
  return policies.length > 0 ? Math.min(...policies.map((p) => p.windowMs)) : PROBE_CAP_WITHOUT_WINDOW_MS;
}
