import { AbortedError } from '../errors/aborted-error.js';
import { backoffDelay } from './backoff.js';
import { classifyError } from './classify-error.js';
import { DEFAULT_MAX_RETRIES } from './poll-until.js';
import { resolveTime, type TimeSources } from './time.js';

export interface RetryCallOptions extends TimeSources {
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  minDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** Narrows which retryable errors may be retried (a non-idempotent start retries only 429s). */
  mayRetry?: ((error: unknown) => boolean) | undefined;
}

/** One call (a start, a file request), retried on retryable failures with the same backoff as polling. */
export async function retryCall<T>(call: (signal: AbortSignal | undefined) => Promise<T>, options: RetryCallOptions = {}): Promise<T> {
  const { sleep, random } = resolveTime(options);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new AbortedError(undefined, options.signal.reason);
    try {
      return await call(options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw new AbortedError(undefined, options.signal.reason);
      const verdict = classifyError(error);
      const allowed = verdict.kind === 'retryable' && (options.mayRetry?.(error) ?? true);
      if (!allowed || attempt >= maxRetries) throw error;
      const delay = backoffDelay({
        attempt,
        minDelayMs: options.minDelayMs ?? 500,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        hintMs: verdict.kind === 'retryable' ? verdict.hintMs : undefined,
        random,
      });
      try {
        await sleep(delay, options.signal);
      } catch {
        throw new AbortedError(undefined, options.signal?.reason);
      }
    }
  }
}
