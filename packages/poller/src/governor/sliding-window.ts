/** A documented quota: at most `limit` requests in any `windowMs`. */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

/**
 * Grants at most `limit` requests in ANY window of `windowMs` (a sliding log,
 * not a token bucket: a bucket's burst-plus-refill can put twice the quota into
 * one server window, and a vendor counting fixed windows would answer 429).
 *
 * A request in flight holds its slot until its answer arrives, and only then
 * starts its window: the vendor counts a request when it *arrives*, which can
 * be any time before the answer comes back. Counting from the send instead
 * lets latency slide a burst into the next server window (seen against the
 * sandbox: 80 of 280 requests answered 429).
 */
export class SlidingWindow {
  readonly policy: RateLimitPolicy;
  #grants: number[] = [];
  #head = 0;
  #inFlight = 0;

  constructor(policy: RateLimitPolicy) {
    this.policy = policy;
  }

  /**
   * Milliseconds until one more request fits; 0 when it fits now; Infinity
   * when only the answer of a request in flight can free a slot.
   */
  waitMs(now: number): number {
    this.#forget(now);
    const settled = this.#grants.length - this.#head;
    const occupied = settled + this.#inFlight;
    if (occupied < this.policy.limit) return 0;
    const mustExpire = occupied - this.policy.limit + 1;
    if (mustExpire > settled) return Infinity;
    const oldestThatMustExpire = this.#grants[this.#head + mustExpire - 1] ?? now;
    return Math.max(0, oldestThatMustExpire + this.policy.windowMs - now);
  }

  /** A request counted as of `now`. */
  record(now: number): void {
    this.#grants.push(now);
  }

  /** A request sent and not yet answered: it holds a slot until `settle`. */
  hold(): void {
    this.#inFlight++;
  }

  /** Its answer arrived at `now`: its window starts here. The clock only moves forward, so the log stays sorted. */
  settle(now: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.record(now);
  }

  #forget(now: number): void {
    while (this.#head < this.#grants.length && (this.#grants[this.#head] ?? now) + this.policy.windowMs <= now) this.#head++;
    // Compact now and then so the log stays as long as one window's grants.
    if (this.#head > 1024 && this.#head * 2 > this.#grants.length) {
      this.#grants = this.#grants.slice(this.#head);
      this.#head = 0;
    }
  }
}
