import type { Reply } from '../../server/reply.js';
import { WindowCounter } from '../../server/window-counter.js';
import { closientProblem } from './closient-problem.js';

/**
 * Closient's two windows (per minute and per day) and the headers it puts
 * on every response: RateLimit-* for the most restrictive window (reset
 * relative), legacy X-RateLimit-* (reset as an absolute Unix time).
 */
export class ClosientRateLimit {
  readonly #windows: WindowCounter[];

  constructor(perMinute: number, perDay: number) {
    this.#windows = [new WindowCounter(perMinute, 60_000), new WindowCounter(perDay, 86_400_000)];
  }

  /** The 429 when a window is spent; otherwise the request is counted. */
  admit(key: string, now: number): Reply | undefined {
    if (this.#windows.some((window) => window.remaining(key, now) === 0)) {
      const retryAfter = Math.max(1, Math.ceil((this.#tightest(key, now).resetAt(key, now) - now) / 1000));
      return {
        ...closientProblem(429, 'Rate limit exceeded. Please try again later.', { retry_after: retryAfter }),
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': retryAfter },
      };
    }
    for (const window of this.#windows) window.consume(key, now);
    return undefined;
  }

  headers(key: string, now: number): Record<string, string | number> {
    const window = this.#tightest(key, now);
    const resetAt = window.resetAt(key, now);
    const remaining = window.remaining(key, now);
    return {
      'RateLimit-Policy': this.#windows.map((w) => `${w.limit};w=${w.windowMs / 1000}`).join(', '),
      'RateLimit-Limit': window.limit,
      'RateLimit-Remaining': remaining,
      'RateLimit-Reset': Math.max(0, Math.ceil((resetAt - now) / 1000)),
      'X-RateLimit-Limit': window.limit,
      'X-RateLimit-Remaining': remaining,
      'X-RateLimit-Reset': Math.ceil(resetAt / 1000),
    };
  }

  /** The window with the fewest requests left (the later reset on a tie: it binds longer). */
  #tightest(key: string, now: number): WindowCounter {
    const [first, ...rest] = this.#windows as [WindowCounter, ...WindowCounter[]];
    return rest.reduce((tightest, window) => {
      const left = window.remaining(key, now);
      const best = tightest.remaining(key, now);
      return left < best || (left === best && left === 0 && window.resetAt(key, now) > tightest.resetAt(key, now)) ? window : tightest;
    }, first);
  }
}
