import { AbortedError } from '../errors/aborted-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { PollTimeoutError } from '../errors/poll-timeout-error.js';
import type { JobStatus, Logger } from '../export/job-state.js';
import { openDeadlineScope, type DeadlineScope } from './deadline.js';
import { DEFAULT_TIMEOUT_MS, delayFor, RetryBudget, type RetryOptions } from './retry-policy.js';
import { resolveTime } from './time.js';

/** The knobs of a wait, shared by `pollUntil`, `job.wait()` and the export functions. */
export interface WaitOptions extends RetryOptions {
  signal?: AbortSignal | undefined;
  /** The deadline, in ms from now (default 30 minutes). */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  /**
   * Called before each wait between polls, with its length: for a "next poll
   * in 4 s" display. Separate from onProgress, which fires only on changes.
   */
  onWait?: ((wait: { delayMs: number; attempt: number }) => void) | undefined;
}

export interface PollUntilOptions<T> extends WaitOptions {
  /** One status call. Pass `signal` to the request so an abort stops it in flight. */
  poll(context: { signal: AbortSignal; attempt: number }): Promise<T>;
  /** Where a polled value stands. */
  statusOf(value: T): JobStatus;
  /** Called when the status changes (not on every poll). */
  onChange?(value: T): void;
  /** The message of the JobFailedError for a failed value. */
  describeFailure?(value: T): string;
}

/**
 * The wait loop: poll at once, then back off with full jitter until the value
 * succeeds (returned), fails (JobFailedError), the deadline passes
 * (PollTimeoutError) or the caller aborts (AbortedError). Every error carries
 * the last value seen. Retryable call failures are retried, bounded; terminal
 * ones are thrown as they are.
 */
export async function pollUntil<T>(options: PollUntilOptions<T>): Promise<T> {
  const { clock, sleep, random } = resolveTime(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = clock() + timeoutMs;
  const scope = openDeadlineScope({ signal: options.signal, timeoutMs, sleep });
  const retries = new RetryBudget(options);
  let last: T | undefined;
  let lastStatus: JobStatus | undefined;
  const stopped = () => stopError(scope, timeoutMs, last);
  try {
    for (let attempt = 0; ; attempt++) {
      if (scope.signal.aborted) throw stopped();
      if (attempt > 0 && clock() >= deadline) throw stopError(scope, timeoutMs, last, 'timeout');
      let delay: number;
      try {
        const value = await options.poll({ signal: scope.signal, attempt });
        last = value;
        retries.succeeded();
        const status = options.statusOf(value);
        if (status !== lastStatus) {
          lastStatus = status;
          options.onChange?.(value);
        }
        if (status === 'succeeded') return value;
        if (status === 'failed') throw new JobFailedError(options.describeFailure?.(value) ?? 'The job failed', value);
        // Between polls the cadence backs off with the poll count; after a failed call the retry policy decides.
        delay = delayFor(options, attempt, random);
      } catch (error) {
        if (scope.signal.aborted) throw stopped();
        const retryIn = retries.next(error);
        if (retryIn === undefined) throw error;
        delay = retryIn;
        options.logger?.debug?.('retrying after a transient failure', { error: String(error) });
      }
      const remaining = deadline - clock();
      if (remaining <= 0) throw stopError(scope, timeoutMs, last, 'timeout');
      const wait = Math.min(delay, remaining);
      options.onWait?.({ delayMs: wait, attempt });
      try {
        await sleep(wait, scope.signal);
      } catch {
        throw stopped();
      }
    }
  } finally {
    scope.dispose();
  }
}

function stopError<T>(scope: DeadlineScope, timeoutMs: number, last: T | undefined, forced?: 'timeout'): Error {
  const reason = forced ?? scope.stopReason();
  if (reason === 'timeout') return new PollTimeoutError<T>(timeoutMs, last);
  return new AbortedError<T>(last, scope.signal.reason);
}
