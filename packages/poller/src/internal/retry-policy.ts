import { AbortedError } from '../errors/aborted-error.js';
import { UnreadableAnswerError } from '../errors/unreadable-answer-error.js';
import { backoffDelay } from './backoff.js';
import { classifyError } from './classify-error.js';
import { resolveTime, type Random, type TimeSources } from './time.js';

/**
 * The one retry policy of every call a job makes — starts, status calls, file
 * requests and the download's reconnects — and the polling cadence, with its
 * constants named once. Omni asks for 2-5 s between polls and never more than
 * one request a second, so nothing here goes faster than that by default.
 */
export const DEFAULT_MIN_DELAY_MS = 2_000;
export const DEFAULT_MAX_DELAY_MS = 30_000;
/** Consecutive retryable failures (429, 5xx, connection, a cut transfer) tolerated before giving up. */
export const DEFAULT_MAX_RETRIES = 6;
/**
 * Consecutive answers that could not be read as a status (no status field, a
 * JSON bomb) before the wait gives up with UnreadableAnswerError: a glitch is
 * retried, a vendor that keeps answering garbage is reported, not waited out.
 */
export const MAX_UNREADABLE_ANSWERS = 3;
/** How long a whole export may take when the caller names no deadline: long exports take minutes, not hours. */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/** The knobs of the policy, as every entry point takes them. */
export interface RetryOptions extends TimeSources {
  /** The shortest wait between two calls of a job (default 2 s); waits double from it with full jitter. */
  minDelayMs?: number | undefined;
  /** The longest wait between two calls (default 30 s); a server's hint is clamped to it. */
  maxDelayMs?: number | undefined;
  /** Consecutive retryable failures tolerated (default 6). */
  maxRetries?: number | undefined;
}

/** The wait before call number `attempt + 1` (zero-based), honouring a server hint as a minimum. */
export function delayFor(options: RetryOptions, attempt: number, random: Random, hintMs?: number): number {
  return backoffDelay({
    attempt,
    minDelayMs: options.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    hintMs,
    random,
  });
}

/**
 * Consecutive failures of one call site. `next(error)` says how long to wait
 * before trying again, or `undefined` when the error is final (a 401, a 404,
 * invalid input) or the retries are spent; `succeeded()` starts the count over.
 */
export class RetryBudget {
  #failures = 0;
  #unreadable = 0;
  readonly #options: RetryOptions;
  readonly #random: Random;

  constructor(options: RetryOptions) {
    this.#options = options;
    this.#random = resolveTime(options).random;
  }

  /** `mayRetry` narrows what is retried (a start that is not safe to resend retries only 429s). */
  next(error: unknown, mayRetry?: (error: unknown) => boolean): number | undefined {
    const verdict = classifyError(error);
    if (verdict.kind !== 'retryable' || !(mayRetry?.(error) ?? true)) return undefined;
    if (error instanceof UnreadableAnswerError && ++this.#unreadable >= MAX_UNREADABLE_ANSWERS) return undefined;
    if (++this.#failures > (this.#options.maxRetries ?? DEFAULT_MAX_RETRIES)) return undefined;
    return delayFor(this.#options, this.#failures - 1, this.#random, verdict.hintMs);
  }

  succeeded(): void {
    this.#failures = 0;
    this.#unreadable = 0;
  }
}

/** One call (a start), retried under the policy; an abort ends it at once, mid-wait included. */
export async function withRetries<T>(
  call: (signal: AbortSignal | undefined) => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal | undefined; mayRetry?: ((error: unknown) => boolean) | undefined },
): Promise<T> {
  const { sleep } = resolveTime(options);
  const budget = new RetryBudget(options);
  const aborted = () => new AbortedError(undefined, options.signal?.reason);
  for (;;) {
    if (options.signal?.aborted) throw aborted();
    try {
      return await call(options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw aborted();
      const wait = budget.next(error, options.mayRetry);
      if (wait === undefined) throw error;
      await sleep(wait, options.signal).catch(() => {
        throw aborted();
      });
    }
  }
}
