import { parseRateLimitHeaders } from '@exportkit/core';
import { resolveTime, type Clock, type Random, type Sleep } from '../internal/time.js';
import { cappedPauseMs, DEFAULT_MAX_PAUSE_MS, probeCapMs, quotasFor } from './budget-rules.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import type { BudgetKey, Governor, Settle } from './governor.js';
import { KeyBudget } from './key-budget.js';
import { FIRST_PROBE_DELAY_MS } from './probe.js';
import type { RateLimitPolicy } from './sliding-window.js';

export interface RateLimitGovernorOptions {
  /** Quotas per vendor name, replacing the documented ones (e.g. Omni raised to 500/min; [] for none). */
  limits?: Record<string, readonly RateLimitPolicy[]>;
  /** Downloads running at once across every job (default 4). */
  downloadConcurrency?: number;
  /**
   * The first wait after a 429 without any hint, before the key is probed with
   * one request (default 1 s; it doubles while the vendor keeps refusing,
   * capped at the key's shortest quota window, else 1 minute).
   */
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
  random?: Random;
}

/**
 * One request budget per vendor and key, shared by every job that uses it:
 * jobs wait for a slot before each call, the vendor's RateLimit-* headers
 * correct the budget, and a 429 pauses every job of that key until the reset.
 * Share one governor across all jobs of a process (the default one is shared);
 * for workers in several processes or machines, see `RedisGovernor`.
 */
export class RateLimitGovernor implements Governor {
  readonly downloads: ConcurrencyLimit;
  readonly #budgets = new Map<string, KeyBudget>();
  readonly #limits: Readonly<Record<string, readonly RateLimitPolicy[]>>;
  readonly #firstProbeMs: number;
  readonly #maxPauseMs: number;
  readonly #time: { clock: Clock; sleep: Sleep; random: Random };

  constructor(options: RateLimitGovernorOptions = {}) {
    this.#time = resolveTime(options);
    this.#limits = options.limits ?? {};
    this.#firstProbeMs = options.defaultPauseMs ?? FIRST_PROBE_DELAY_MS;
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
    const info = parseRateLimitHeaders(headers, this.#time.clock());
    if (info) this.#budget(key).observe(info);
  }

  /**
   * After a 429: with a hint (Retry-After, a reset), every job of the key
   * waits that long (capped: see `maxPauseMs`). Without one, the server has
   * said its window is full while our count said otherwise (jitter, another
   * client on the key): the key is probed, one request at a time, until the
   * vendor answers again. Releasing every queued job after a fixed pause sent
   * them into the same closed window, one 429 after another; pausing for a
   * whole window cost a single job a minute per 429.
   */
  pause(key: BudgetKey, ms: number | undefined): void {
    const budget = this.#budget(key);
    if (ms === undefined) budget.probe(probeCapMs(budget.policies));
    else budget.pause(cappedPauseMs(ms, this.#maxPauseMs, budget.policies));
  }

  #budget(key: BudgetKey): KeyBudget {
    const name = `${key.vendor}\u0000${key.keyId}`;
    let budget = this.#budgets.get(name);
    if (!budget) {
      budget = new KeyBudget(quotasFor(key, this.#limits), this.#time, this.#firstProbeMs);
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
