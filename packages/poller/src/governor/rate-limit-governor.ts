import { parseRateLimitHeaders } from '@exportkit/core';
import { resolveTime, type Clock, type Sleep } from '../internal/time.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { KeyBudget, type Settle } from './key-budget.js';
import type { RateLimitPolicy } from './sliding-window.js';

/**
 * Names one vendor key's budget. `quotas` are the vendor's documented windows
 * (each adapter passes its vendor's, generated from the overlay); the
 * governor's `limits` option replaces them per vendor.
 */
export interface BudgetKey {
  vendor: string;
  /** Names the API key without holding it (a hash, a label). */
  keyId: string;
  quotas: readonly RateLimitPolicy[];
}

/** The default ceiling of a 429's pause (see `maxPauseMs`). */
export const DEFAULT_MAX_PAUSE_MS = 15 * 60_000;

export interface RateLimitGovernorOptions {
  /** Quotas per vendor name, replacing the documented ones (e.g. Omni raised to 500/min; [] for none). */
  limits?: Record<string, readonly RateLimitPolicy[]>;
  /** Downloads running at once across every job (default 4). */
  downloadConcurrency?: number;
  /** How long a 429 without any hint pauses a key (default: its shortest quota window, else 1 s). */
  defaultPauseMs?: number;
  /**
   * The longest pause a 429's hint may impose (default 15 minutes, or the key's
   * longest quota window if longer). A `Retry-After` of years is a broken or
   * hostile server: believed, it would freeze every job of the key for as long
   * as a timer can hold (~25 days); each job's own deadline still applies.
   */
  maxPauseMs?: number;
  clock?: Clock;
  sleep?: Sleep;
}

/**
 * One request budget per vendor and key, shared by every job that uses it:
 * jobs wait for a slot before each call, the vendor's RateLimit-* headers
 * correct the budget, and a 429 pauses every job of that key until the reset.
 * Share one governor across all jobs of a process (the default one is shared).
 */
export class RateLimitGovernor {
  readonly downloads: ConcurrencyLimit;
  readonly #budgets = new Map<string, KeyBudget>();
  readonly #limits: Readonly<Record<string, readonly RateLimitPolicy[]>>;
  readonly #defaultPauseMs: number | undefined;
  readonly #maxPauseMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;

  constructor(options: RateLimitGovernorOptions = {}) {
    const time = resolveTime(options);
    this.#clock = time.clock;
    this.#sleep = time.sleep;
    this.#limits = options.limits ?? {};
    this.#defaultPauseMs = options.defaultPauseMs;
    this.#maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS;
    this.downloads = new ConcurrencyLimit(options.downloadConcurrency ?? 4);
  }

  /** Waits until one more request fits the key's budget; it counts from now. */
  async acquire(key: BudgetKey, signal?: AbortSignal): Promise<void> {
    await this.#budget(key).acquire(signal);
  }

  /**
   * Waits for a slot and holds it while the request is in flight: call the
   * returned `settle` when its answer arrives (or it fails). The vendor counts
   * the request on arrival, somewhere before the answer, so the slot's window
   * starts at the answer: network and event-loop latency can then never slide
   * a burst into a server window that is still full.
   */
  reserve(key: BudgetKey, signal?: AbortSignal): Promise<Settle> {
    return this.#budget(key).acquire(signal, true);
  }

  /** Corrects the budget from a response's RateLimit-* headers (a no-op when there are none). */
  observe(key: BudgetKey, headers: Headers): void {
    const info = parseRateLimitHeaders(headers, this.#clock());
    if (info) this.#budget(key).observe(info);
  }

  /** Pauses every job of this key, e.g. for a 429's Retry-After. */
  pause(key: BudgetKey, ms: number | undefined): void {
    const budget = this.#budget(key);
    const windows = budget.policies.map((p) => p.windowMs);
    // Without a hint, the server has said its window is full while our count
    // said otherwise (jitter, another client on the key): only a whole window
    // is sure to clear it. A shorter pause released every queued job of the
    // key into the same closed window, one 429 after another.
    const fallback = this.#defaultPauseMs ?? (windows.length > 0 ? Math.min(...windows) : 1_000);
    const ceiling = Math.max(this.#maxPauseMs, ...windows);
    budget.pause(Math.min(ms ?? fallback, ceiling));
  }

  #budget(key: BudgetKey): KeyBudget {
    const name = `${key.vendor}\u0000${key.keyId}`;
    let budget = this.#budgets.get(name);
    if (!budget) {
      const quotas = Object.hasOwn(this.#limits, key.vendor) ? this.#limits[key.vendor] : key.quotas;
      budget = new KeyBudget(quotas ?? [], this.#clock, this.#sleep);
      this.#budgets.set(name, budget);
    }
    return budget;
  }
}

let sharedGovernor: RateLimitGovernor | undefined;

/** The process-wide governor used when a call names none, so separate calls still share one budget. */
export function defaultGovernor(): RateLimitGovernor {
  sharedGovernor ??= new RateLimitGovernor();
  return sharedGovernor;
}
