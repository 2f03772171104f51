import type { RequestOutcome } from './probe.js';
import type { RateLimitPolicy } from './sliding-window.js';

/**
 * Names one vendor key's budget. `quotas` are the vendor's documented windows
 * (each adapter passes its vendor's, generated from the overlay); a
 * governor's `limits` option replaces them per vendor.
 */
export interface BudgetKey {
  vendor: string;
  /** Names the API key without holding it (a hash, a label): the same on every machine for the same key. */
  keyId: string;
  quotas: readonly RateLimitPolicy[];
}

/** Called once when a held request's answer has arrived (or it failed), with how it ended (default: answered). */
export type Settle = (outcome?: RequestOutcome) => void;

/** At most so many downloads at once; the rest wait in order. */
export interface DownloadSlots {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * The rate budget every vendor call of the poller goes through. Whatever
 * holds the state — one process (`RateLimitGovernor`, the default) or a
 * Redis that a fleet of workers shares (`RedisGovernor` in
 * `@exportkit/redis-governor`) — the rules are the same: several sliding
 * windows per key; a request holds its slot until its answer arrives (its
 * window starts there); `RateLimit-*` headers correct the count; a hinted
 * 429 pauses the key (capped), an unhinted one probes it one request at a
 * time (~1 s, doubling, capped at the key's shortest window).
 */
export interface Governor {
  /** Downloads running at once across every job of this governor. */
  readonly downloads: DownloadSlots;
  /** Waits for a slot and holds it while the request is in flight: call the returned `settle` when its answer arrives (or it fails). */
  reserve(key: BudgetKey, signal?: AbortSignal): Promise<Settle>;
  /** Corrects the budget from a response's RateLimit-* headers (a no-op when there are none). */
  observe(key: BudgetKey, headers: Headers): void;
  /** After a 429: pause the key `ms` (capped), or, with no hint (`undefined`), probe it. */
  pause(key: BudgetKey, ms: number | undefined): void;
}
