import { ConnectionError } from '@exportkit/core';
import type { RequestOutcome, Settle } from '@exportkit/poller/governor';
import type { BudgetContext, BudgetScripts } from './budget-scripts.js';
import type { LeaseKeeper } from './lease-keeper.js';

interface Waiter {
  resolve(settle: Settle): void;
  reject(reason: unknown): void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

/** How a line asks Redis for grants. */
export interface LineDeps {
  scripts: BudgetScripts;
  leases: LeaseKeeper;
  /** A fresh, unique lease number run of `count` (ids are `leasePrefix + n`). */
  leaseNumbers(count: number): number;
  leasePrefix: string;
  leaseMs: number;
  random(): number;
  /** Settles when this line's wake channel is subscribed: a wake published before that would be lost. */
  subscribed: Promise<void>;
  /** How long Redis may keep failing before the waiters are told (ConnectionError). */
  outageMs: number;
  onError(error: unknown): void;
}

/** At most this many grants asked for in one script call (one round trip for a burst). */
const MAX_BATCH = 64;
/** Backoff while Redis answers with errors: from this, doubling, up to 2 s. */
const FIRST_RETRY_MS = 50;

/**
 * This process's waiters for one budget, in order. Only the head of the line
 * asks Redis (one script call grants as many slots as fit, up to the line's
 * length); when the budget is full the script says how long until the next
 * slot could fit, and one timer waits that long — or less, when another
 * worker's settle (pub/sub) wakes the line first. No waiter polls Redis.
 */
export class WaitLine {
  readonly budget: BudgetContext;
  readonly #deps: LineDeps;
  #waiters: Waiter[] = [];
  #busy = false;
  #wokenWhileBusy = false;
  #timer: { at: number; handle: ReturnType<typeof setTimeout> } | undefined;
  #failingSince: number | undefined;
  #failures = 0;

  constructor(budget: BudgetContext, deps: LineDeps) {
    this.budget = budget;
    this.#deps = deps;
  }

  enqueue(signal?: AbortSignal): Promise<Settle> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Settle>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.#waiters = this.#waiters.filter((entry) => entry !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
      this.wake();
    });
  }

  /** Something may have freed a slot (a settle anywhere, a timer, a reconnect): ask again. */
  wake(): void {
    if (this.#busy) {
      this.#wokenWhileBusy = true;
      return;
    }
    void this.#pump();
  }

  /** Stops the timer and fails every waiter (the governor is closing). */
  close(reason: Error): void {
    this.#clearTimer();
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(reason);
    }
  }

  async #pump(): Promise<void> {
    this.#busy = true;
    try {
      await this.#deps.subscribed;
      while (this.#waiters.length > 0) {
        this.#wokenWhileBusy = false;
        const count = Math.min(this.#waiters.length, MAX_BATCH);
        const first = this.#deps.leaseNumbers(count);
        let answer: { granted: number; waitMs: number };
        try {
          answer = await this.#deps.scripts.reserve(this.budget, { prefix: this.#deps.leasePrefix, first, count, ms: this.#deps.leaseMs }, this.#deps.random());
        } catch (error) {
          this.#failed(error);
          return;
        }
        this.#failingSince = undefined;
        this.#failures = 0;
        for (let i = 0; i < answer.granted; i++) this.#hand(`${this.#deps.leasePrefix}${first + i}`);
        // Full for now: wait for the time the script named, unless a wake came in meanwhile.
        if (answer.granted < count && !this.#wokenWhileBusy) {
          this.#schedule(answer.waitMs);
          return;
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  /** A granted lease goes to the head of the line — or back to Redis, when its waiter gave up meanwhile. */
  #hand(leaseId: string): void {
    const waiter = this.#waiters.shift();
    if (!waiter) {
      this.#settleLease(leaseId, 'cancelled');
      return;
    }
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.#deps.leases.hold(leaseId, this.budget);
    let settled = false;
    waiter.resolve((outcome: RequestOutcome = 'answered') => {
      if (settled) return;
      settled = true;
      this.#deps.leases.release(leaseId);
      this.#settleLease(leaseId, outcome);
    });
  }

  #settleLease(leaseId: string, outcome: RequestOutcome | 'cancelled'): void {
    // Not awaited: the answer is in; if Redis cannot be told, the lease expires on its own.
    this.#deps.scripts.settle(this.budget, leaseId, outcome, this.#deps.random()).catch(this.#deps.onError);
  }

  /** Redis failed the call: try again after a backoff, and after `outageMs` of failures tell the waiters. */
  #failed(error: unknown): void {
    this.#deps.onError(error);
    const now = Date.now();
    this.#failingSince ??= now;
    const failingMs = now - this.#failingSince;
    if (failingMs >= this.#deps.outageMs || isScriptBug(error)) {
      this.#failingSince = undefined;
      this.#failures = 0;
      this.close(new ConnectionError(`The shared rate budget in Redis failed for ${Math.round(failingMs / 1000)} s: ${String(error)}`, { cause: error }));
      return;
    }
    this.#schedule(Math.min(2_000, FIRST_RETRY_MS * 2 ** this.#failures++));
  }

  #schedule(ms: number): void {
    const at = Date.now() + Math.max(1, ms);
    if (this.#timer && this.#timer.at <= at) return;
    this.#clearTimer();
    const handle = setTimeout(() => {
      this.#timer = undefined;
      this.wake();
    }, Math.max(1, ms));
    this.#timer = { at, handle };
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }
}

/** A script that Redis ran and that failed (not a lost connection, not a loading Redis): retrying cannot help. */
function isScriptBug(error: unknown): boolean {
  return error instanceof Error && /^ERR .*(script|lua)/i.test(error.message);
}
