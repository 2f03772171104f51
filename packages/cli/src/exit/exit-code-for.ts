import { type ExportkitErrorCode, isExportkitError } from '@exportkit/core';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * The one mapping from failures to exit codes. Everything keys on the stable
 * `code` of exportkit errors, so it holds across realms and duplicate copies
 * of the packages, where `instanceof` would not.
 */
const EXIT_CODE_BY_ERROR_CODE: Record<ExportkitErrorCode, ExitCode> = {
  job_failed: EXIT_CODES.jobFailed,
  validation_error: EXIT_CODES.usage,
  timeout: EXIT_CODES.timeout,
  unauthorized: EXIT_CODES.authRefused,
  forbidden: EXIT_CODES.authRefused,
  aborted: EXIT_CODES.interrupted,
  // What is left either outlasted the poller's retries (5xx, 429, the
  // network) or is a vendor answer no retry fixes (404, 409, another 4xx):
  // for a script, all mean "the vendor side did not deliver".
  server_error: EXIT_CODES.unavailable,
  rate_limited: EXIT_CODES.unavailable,
  connection_error: EXIT_CODES.unavailable,
  download_error: EXIT_CODES.unavailable,
  http_error: EXIT_CODES.unavailable,
  not_found: EXIT_CODES.unavailable,
  conflict: EXIT_CODES.unavailable,
  redirect_refused: EXIT_CODES.unavailable,
  unreadable_answer: EXIT_CODES.unavailable,
};

/** Node's own network failures, should one ever escape the clients unwrapped. */
const NETWORK_ERRNO = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_\w+)$/;

export function exitCodeFor(error: unknown): ExitCode {
  if (isExportkitError(error)) return EXIT_CODE_BY_ERROR_CODE[error.code] ?? EXIT_CODES.unavailable;
  if (error instanceof Error && error.name === 'AbortError') return EXIT_CODES.interrupted;
  const errno = (error as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && NETWORK_ERRNO.test(errno)) return EXIT_CODES.unavailable;
  // Anything else is a bug or a local failure (disk full, permissions): the
  // conventional 1, and the message says which.
  return EXIT_CODES.jobFailed;
}

/** The `{ code, message }` of `--json` errors, for any thrown value. */
export function errorSummary(error: unknown): { code: string; message: string } {
  if (isExportkitError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'aborted', message: 'Interrupted' };
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown } | null)?.code;
  return { code: typeof errno === 'string' ? errno.toLowerCase() : 'internal_error', message };
}
