import { RateLimitError, unwrap, type FetchResult } from '@exportkit/core';
import type { JobContext } from './job-context.js';

/**
 * Every vendor API call goes through here: wait for the key's budget, send
 * with the caller's signal, let the answer's headers correct the budget, and
 * on a 429 pause every job of the key before throwing the typed error.
 */
export async function governedCall<T>(
  context: JobContext,
  signal: AbortSignal | undefined,
  method: string,
  send: (signal: AbortSignal | undefined) => Promise<FetchResult<T>>,
): Promise<{ data: T; response: Response }> {
  await context.governor.acquire(context.vendor, context.budgetKey, signal);
  const result = await send(signal);
  context.governor.observe(context.vendor, context.budgetKey, result.response.headers);
  try {
    return { data: unwrap(result, method), response: result.response };
  } catch (error) {
    if (error instanceof RateLimitError) context.governor.pause(context.vendor, context.budgetKey, error.retryAfterMs);
    throw error;
  }
}
