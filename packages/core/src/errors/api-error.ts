import { ExportkitError, type ExportkitErrorCode } from './exportkit-error.js';

export interface ApiErrorDetails {
  status: number;
  /** The vendor's own machine-readable code (`error_code`, Omni's `error`). */
  vendorCode?: string | undefined;
  /** The vendor's own human message (`message`, `detail`). */
  vendorMessage?: string | undefined;
  /** Whether the same request may succeed later. */
  retryable: boolean;
  /** How long the server asked us to wait, in ms, when it said so. */
  retryAfterMs?: number | undefined;
  method?: string | undefined;
  /** The request URL without its query string (signed URLs carry signatures there). */
  url?: string | undefined;
  /** The parsed error body, with the API key redacted. */
  body?: unknown;
  headers?: Headers | undefined;
}

/** A vendor answered with an HTTP error status. Subclasses name the common ones. */
export class ApiError extends ExportkitError {
  override name = 'ApiError';
  readonly status: number;
  readonly vendorCode: string | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly body: unknown;
  readonly headers: Headers | undefined;

  constructor(details: ApiErrorDetails, code: ExportkitErrorCode = 'http_error') {
    super(code, describe(details));
    this.status = details.status;
    this.vendorCode = details.vendorCode;
    this.vendorMessage = details.vendorMessage;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
    this.method = details.method;
    this.url = details.url;
    this.body = details.body;
    this.headers = details.headers;
  }
}

function describe(d: ApiErrorDetails): string {
  const where = d.method && d.url ? ` (${d.method} ${d.url})` : '';
  const code = d.vendorCode ? ` ${d.vendorCode}` : '';
  const message = d.vendorMessage ? `: ${d.vendorMessage}` : '';
  return `HTTP ${d.status}${code}${message}${where}`;
}
