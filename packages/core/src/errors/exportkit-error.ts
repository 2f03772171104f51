/**
 * Brand shared by every exportkit error. A Symbol.for key works across
 * realms and across duplicate copies of this package, where `instanceof`
 * does not.
 */
const BRAND = Symbol.for('exportkit.error');

/** Stable, machine-readable kinds of failure (the CLI's `--json` `error.code`). */
export type ExportkitErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'http_error'
  | 'connection_error'
  | 'redirect_refused'
  | 'unreadable_answer'
  | 'job_failed'
  | 'timeout'
  | 'aborted'
  | 'download_error';

/** Base class of every error exportkit throws. */
export class ExportkitError extends Error {
  readonly [BRAND] = true;
  override name = 'ExportkitError';
  readonly code: ExportkitErrorCode;

  constructor(code: ExportkitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isExportkitError(value: unknown): value is ExportkitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
