import type { FaultName, FaultStage, Vendor } from './fault-names.js';

/**
 * When and how a fault fires. A rule matches a request when every field it
 * sets matches; unset fields match anything the fault applies to (see
 * FAULT_CATALOG for the stages and vendors of each fault).
 */
export interface FaultRule {
  fault: FaultName;
  vendor?: Vendor;
  stage?: FaultStage;
  /** Only requests made with this API key (signed-URL requests count as the key that owns the job). */
  apiKey?: string;
  /** Only requests about this job (poll and download; `job-fails` at start cannot know it yet). */
  jobId?: string;
  /** How many times the rule fires before it is spent. Default 1; `Infinity` for always. */
  times?: number;
  /** For the 429 faults: the wait announced. Default 1. */
  retryAfterSeconds?: number;
  /** For `stalled-body`: close the connection after this long. Default: never (until the client or close()). */
  stallMs?: number;
  /**
   * For the faults that break a body partway (`connection-reset`, `stalled-body`,
   * `truncated-body`, `replaced-mid-transfer`): how many body bytes are sent
   * first, in one write. Default: half of the body, at most 64 KiB.
   */
  bodyBytes?: number;
}

/** A fault picked for one request, with the rule's parameters. */
export interface FiredFault {
  fault: FaultName;
  retryAfterSeconds: number;
  stallMs?: number;
  bodyBytes?: number;
  /** How it was selected. */
  source: 'header' | 'rule';
}

/** The request header that selects a fault for that one request: `x-sandbox-fault: <name>`. */
export const FAULT_HEADER = 'x-sandbox-fault';
