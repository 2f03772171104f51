import type { RateLimitInfo } from '@exportkit/core';
import { clampDelay, type Clock, type Random, type Sleep } from '../internal/time.js';
import type { Settle } from './governor.js';
import { Probe, type RequestOutcome } from './probe.js';
import { SlidingWindow, type RateLimitPolicy } from './sliding-window.js';

interface Waiter {
  resolve(settle: Settle): void;
  /** Hold the slot until settled, rather than counting the request at once. */
  hold: boolean;
  reject(reason: unknown): void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

/**
 * The request budget of one vendor key: its quota windows, what the server
 * last said (RateLimit-Remaining / -Reset), and a pause after a 429. Waiters
 * queue in order and one timer wakes the queue, so a thousand jobs cost one
 * timer, not a thousand.
 */
export class KeyBudget {
  #windows: SlidingWindow[];
  #serverRemaining: number | undefined;
  #serverResetAt = 0;
  #pausedUntil = 0;
  #probe: Probe | undefined;
  #queue: Waiter[] = [];
  #timer: { at: number; cancel: AbortController } | undefined;
  readonly #time: { clock: Clock; sleep: Sleep; random: Random };
  readonly #firstProbeMs: number;

  constructor(policies: readonly RateLimitPolicy[], time: { clock: Clock; sleep: Sleep; random: Random }, firstProbeMs: number) {
    this.#windows = policies.map((policy) => new SlidingWindow(policy));
    this.#time = time;
    this.#firstProbeMs = firstProbeMs;
  }

  get #clock(): Clock {
    return this.#time.clock;
  }

  get policies(): RateLimitPolicy[] {
    return this.#windows.map((window) => window.policy);
  }

  /**
   * Waits for a slot. With `hold`, the slot stays taken until the returned
   * `settle` is called (when the answer arrives); without, the request counts
   * from now and `settle` does nothing.
   */
  acquire(signal?: AbortSignal, hold = false): Promise<Settle> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Settle>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, hold };
      if (signal) {
        waiter.onAbort = () => {
          this.#queue = this.#queue.filter((entry) => entry !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** Adopts what a response said about the quota (Closient sends it on every answer). */
  observe(info: RateLimitInfo): void {
    const now = this.#clock();
    if (info.policies && !samePolicies(info.policies, this.policies)) {
      this.#windows = info.policies.map((p) => new SlidingWindow({ limit: p.limit, windowMs: p.windowSeconds * 1000 }));
    }
    if (info.remaining !== undefined && info.resetMs !== undefined) {
      const resetAt = now + clampDelay(info.resetMs);
      // Answers arrive out of order; within one server window the lowest count is the truest.
      const sameWindow = this.#serverRemaining !== undefined && now < this.#serverResetAt;
      this.#serverRemaining = sameWindow ? Math.min(this.#serverRemaining ?? info.remaining, info.remaining) : info.remaining;
      this.#serverResetAt = sameWindow ? Math.max(this.#serverResetAt, resetAt) : resetAt;
    }
    this.#pump();
  }

  /** After a 429 with a hint: every job of this key waits until the reset. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock() + clampDelay(ms));
    this.#pump();
  }

  /** After a 429 with no hint: one probe at a time until the vendor answers again (see Probe); `capMs` caps its backoff. */
  probe(capMs: number): void {
    this.#probe ??= new Probe(this.#clock(), { firstDelayMs: this.#firstProbeMs, capMs, random: this.#time.random });
    this.#pump();
  }

  #waitMs(now: number): number {
    let wait = Math.max(0, this.#pausedUntil - now);
    if (this.#probe) wait = Math.max(wait, this.#probe.waitMs(now));
    if (this.#serverRemaining !== undefined && now < this.#serverResetAt && this.#serverRemaining <= 0) {
      wait = Math.max(wait, this.#serverResetAt - now);
    }
    for (const window of this.#windows) wait = Math.max(wait, window.waitMs(now));
    return wait;
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const now = this.#clock();
      const wait = this.#waitMs(now);
      if (wait > 0) {
        // Infinity: only a settle (which pumps) can free a slot; no timer helps.
        if (Number.isFinite(wait)) this.#schedule(now + wait);
        return;
      }
      const waiter = this.#queue.shift() as Waiter;
      if (this.#serverRemaining !== undefined && now < this.#serverResetAt) this.#serverRemaining--;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      const probe = this.#probe;
      probe?.take();
      if (waiter.hold) {
        waiter.resolve(this.#hold(probe));
      } else {
        for (const window of this.#windows) window.record(now);
        // A grant that reports no outcome cannot tell a probe anything: it counts as answered.
        if (probe) this.#settleProbe(probe, 'answered');
        waiter.resolve(noSettle);
      }
    }
  }

  /** Takes a slot in every window until the returned settle is called (once); a probe learns its outcome. */
  #hold(probe: Probe | undefined): Settle {
    // The windows of the grant: observe() may replace them while the request is in flight.
    const windows = this.#windows;
    for (const window of windows) window.hold();
    let settled = false;
    return (outcome = 'answered') => {
      if (settled) return;
      settled = true;
      const now = this.#clock();
      for (const window of windows) window.settle(now);
      if (probe) this.#settleProbe(probe, outcome);
      this.#pump();
    };
  }

  #settleProbe(probe: Probe, outcome: RequestOutcome): void {
    if (probe.settle(outcome, this.#clock()) && this.#probe === probe) this.#probe = undefined;
  }

  #schedule(at: number): void {
    if (this.#timer && this.#timer.at <= at) return;
    this.#timer?.cancel.abort();
    const timer = { at, cancel: new AbortController() };
    this.#timer = timer;
    this.#time.sleep(clampDelay(at - this.#clock()), timer.cancel.signal).then(
      () => {
        if (this.#timer === timer) this.#timer = undefined;
        this.#pump();
      },
      () => undefined,
    );
  }
}

const noSettle: Settle = () => undefined;

function samePolicies(a: { limit: number; windowSeconds: number }[], b: RateLimitPolicy[]): boolean {
  return a.length === b.length && a.every((p, i) => p.limit === b[i]?.limit && p.windowSeconds * 1000 === b[i]?.windowMs);
}
