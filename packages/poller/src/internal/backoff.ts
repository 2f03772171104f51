import { clampDelay, type Random } from './time.js';

export interface BackoffOptions {
  /** Zero-based count of waits so far. */
  attempt: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** The server's hint (Retry-After, RateLimit-Reset, retry_after), honoured as a minimum. */
  hintMs?: number | undefined;
  random?: Random;
}

/** Polling defaults: Omni asks for 2-5 s between polls and never more than one a second. */
export const DEFAULT_MIN_DELAY_MS = 2_000;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * Full-jitter exponential backoff: a uniform pick in [min, min(max, min·2^attempt)],
 * so many jobs started together spread out instead of polling in lockstep. A
 * server hint raises the floor but is clamped to the maximum (and to what a
 * timer can hold), so a Retry-After of years cannot stall or overflow a timer.
 */
export function backoffDelay(options: BackoffOptions): number {
  const min = clampDelay(options.minDelayMs);
  const max = Math.max(min, clampDelay(options.maxDelayMs));
  const exponent = Math.min(Math.max(0, Math.floor(options.attempt)), 52);
  const cap = Math.min(max, min * 2 ** exponent);
  const random = options.random ?? Math.random;
  const unit = Math.min(Math.max(random(), 0), 1);
  const jittered = min + unit * (cap - min);
  const hint = options.hintMs === undefined ? 0 : clampDelay(options.hintMs, max);
  return Math.max(jittered, hint);
}
