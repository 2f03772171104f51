/** A documented quota: at most `limit` requests in any `windowMs`. */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

/**
 * Grants at most `limit` requests in ANY window of `windowMs` (a sliding log,
 * not a token bucket: a bucket's burst-plus-refill can put twice the quota into
 * one server window, and a vendor counting fixed windows would answer 429).
 */
export class SlidingWindow {
  readonly policy: RateLimitPolicy;
  #grants: number[] = [];
  #head = 0;

  constructor(policy: RateLimitPolicy) {
    this.policy = policy;
  }

  /** Milliseconds until one more request fits; 0 when it fits now. */
  waitMs(now: number): number {
    this.#forget(now);
    const inWindow = this.#grants.length - this.#head;
    if (inWindow < this.policy.limit) return 0;
    const oldestThatMustExpire = this.#grants[this.#head + inWindow - this.policy.limit] ?? now;
    return Math.max(0, oldestThatMustExpire + this.policy.windowMs - now);
  }

  record(now: number): void {
    this.#grants.push(now);
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
