import type { Random } from '../internal/time.js';

/** How a held request ended, as `settle` reports it. */
export type RequestOutcome = 'answered' | 'rate-limited' | 'no-answer';

/** The first wait before a probe after an unhinted 429; it doubles after each refused probe. */
export const FIRST_PROBE_DELAY_MS = 1_000;

/**
 * After a 429 with no hint (Omni sends none), the key is probed instead of
 * paused for a whole window: exactly one request at a time goes out, after a
 * short jittered wait that doubles while the vendor keeps refusing (capped at
 * `capMs`, the key's shortest window); the first answer that is not a 429
 * reopens the key. Every other job of the key waits meanwhile, so a thousand
 * queued jobs still send one probe per step, and one job recovers within
 * seconds of the vendor's window reopening rather than a minute later.
 */
export class Probe {
  #step = 0;
  #nextAt: number;
  #inFlight = false;
  readonly #firstDelayMs: number;
  readonly #capMs: number;
  readonly #random: Random;

  constructor(now: number, options: { firstDelayMs: number; capMs: number; random: Random }) {
    this.#firstDelayMs = options.firstDelayMs;
    this.#capMs = Math.max(options.firstDelayMs, options.capMs);
    this.#random = options.random;
    this.#nextAt = now + this.#delay();
  }

  /** Milliseconds until the probe may go; Infinity while one is in flight (only its answer helps). */
  waitMs(now: number): number {
    return this.#inFlight ? Infinity : Math.max(0, this.#nextAt - now);
  }

  /** The probe is sent. */
  take(): void {
    this.#inFlight = true;
  }

  /** Its outcome: true when the key may reopen. */
  settle(outcome: RequestOutcome, now: number): boolean {
    this.#inFlight = false;
    if (outcome === 'answered') return true;
    // Refused again: wait longer. No answer at all says nothing about the window: same step again.
    if (outcome === 'rate-limited') this.#step++;
    this.#nextAt = now + this.#delay();
    return false;
  }

  /** Equal jitter: half the step for sure, half at random, so probes of many processes spread out. */
  #delay(): number {
    const step = Math.min(this.#capMs, this.#firstDelayMs * 2 ** Math.min(this.#step, 30));
    return step / 2 + (Math.min(Math.max(this.#random(), 0), 1) * step) / 2;
  }
}
