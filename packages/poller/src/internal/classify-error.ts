import { ApiError, ConnectionError, isExportkitError } from '@exportkit/core';
import { DownloadError } from '../errors/download-error.js';
import { UnreadableAnswerError } from '../errors/unreadable-answer-error.js';

/** What the wait loop does with a failed call. */
export type ErrorVerdict = { kind: 'retryable'; hintMs?: number | undefined } | { kind: 'terminal' };

/**
 * Which failures the one retry policy (retry-policy.ts) retries, for every vendor and every call. Retryable: what the vendor marks so (429,
 * 5xx, 408, 425 or a problem+json `retryable: true`) and connection failures.
 * Everything else — 401, 403, 404, other 4xx, invalid input — fails at once:
 * retrying a refused key until the deadline (as AWS waiters do on 403) only
 * hides the real error.
 */
export function classifyError(error: unknown): ErrorVerdict {
  if (error instanceof ApiError) {
    return error.retryable ? { kind: 'retryable', hintMs: error.retryAfterMs } : { kind: 'terminal' };
  }
  if (error instanceof ConnectionError) return { kind: 'retryable' };
  // An answer that was not a status: a glitch is worth another look (the retry policy bounds how many).
  if (error instanceof UnreadableAnswerError) return { kind: 'retryable' };
  // A transfer cut short or gone quiet: reconnect and continue from the bytes kept.
  if (error instanceof DownloadError && error.reason === 'interrupted') return { kind: 'retryable' };
  if (isExportkitError(error)) return { kind: 'terminal' };
  // A 200 whose JSON does not parse is a garbled answer (a proxy, a cut body), not a verdict on the job.
  if (error instanceof SyntaxError) return { kind: 'retryable' };
  // A plain fetch (signed URLs) rejects with TypeError on network failure.
  if (error instanceof TypeError && /fetch|network|socket|terminated/i.test(error.message)) return { kind: 'retryable' };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_\w+)$/.test(code)) {
    return { kind: 'retryable' };
  }
  return { kind: 'terminal' };
}
