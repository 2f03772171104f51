import { ConnectionError, isExportkitError, RateLimitError, unwrap, type FetchResult } from '@exportkit/core';
import { openDeadlineScope } from '../internal/deadline.js';
import type { RequestOutcome } from '../governor/probe.js';
import { withRetries, type RetryOptions } from '../internal/retry-policy.js';
import type { JobContext, JobOptions } from './job-context.js';

/**
 * Every vendor API call goes through here: wait for the key's budget, send
 * with the caller's signal, tell the budget how the request ended, let the
 * answer's headers correct it, and on a 429 pause (or, with no hint, probe)
 * every job of the key before throwing the typed error.
 */
export async function governedCall<T>(
  context: JobContext,
  signal: AbortSignal | undefined,
  method: string,
  send: (signal: AbortSignal | undefined) => Promise<FetchResult<T>>,
  options: { streaming?: boolean } = {},
): Promise<{ data: T; response: Response }> {
  const settle = await context.governor.reserve(context.budget, signal);
  // The request timeout starts after the budget wait: queueing behind a thousand jobs is not a stall.
  const request = openDeadlineScope({ signal, timeoutMs: context.requestTimeoutMs, sleep: context.sleep });
  let result: FetchResult<T>;
  let outcome: RequestOutcome = 'no-answer';
  try {
    result = await send(request.signal);
    outcome = result.response.status === 429 ? 'rate-limited' : 'answered';
  } catch (error) {
    if (request.stopReason() === 'timeout') {
      throw new ConnectionError(`No answer from ${context.vendor} within ${context.requestTimeoutMs} ms`, { cause: error });
    }
    if (signal?.aborted || isExportkitError(error)) throw error;
    // A body cut mid-way (TypeError: terminated) or garbled (SyntaxError): the answer never arrived whole.
    throw new ConnectionError(`Could not read ${context.vendor}'s answer: ${String(error)}`, { cause: error });
  } finally {
    // The answer (or the failure) is in: the vendor has counted the request by now.
    settle(outcome);
    // A streamed body (Omni's file) is still being read: keep the caller's abort wired to it.
    if (options.streaming) request.stopTimer();
    else request.dispose();
  }
  context.governor.observe(context.budget, result.response.headers);
  try {
    return { data: unwrap(result, method), response: result.response };
  } catch (error) {
    if (error instanceof RateLimitError) context.governor.pause(context.budget, error.retryAfterMs);
    throw error;
  }
}

/** Whether a vendor's start call may be sent again (its overlay's `x-exportkit-start-retry`). */
export type StartRetry = 'any-retryable' | 'rate-limited-only';

/** The options of a `start…Export`: the job's, the retry policy's, and the caller's signal. */
export type StartOptions = JobOptions & RetryOptions & { signal?: AbortSignal | undefined };

/**
 * A start call, governed and retried under the one retry policy — but a start
 * that is not safe to send twice (it would make a second job) is retried only
 * after a 429, which made nothing.
 */
export function governedStart<T>(
  context: JobContext,
  retry: StartRetry,
  options: StartOptions,
  send: (signal: AbortSignal | undefined) => Promise<FetchResult<T>>,
): Promise<{ data: T; response: Response }> {
  return withRetries((signal) => governedCall(context, signal, 'POST', send), {
    ...options,
    mayRetry: retry === 'rate-limited-only' ? (error) => error instanceof RateLimitError : undefined,
  });
}
