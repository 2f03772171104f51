import { parseRateLimitHeaders } from '../http/parse-rate-limit.js';
import { parseRetryAfter } from '../http/parse-retry-after.js';
import { urlForErrors } from '../http/url-for-errors.js';
import { readVendorErrorBody } from '../http/vendor-error-body.js';
import { ApiError, type ApiErrorDetails } from './api-error.js';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './status-errors.js';

/** Statuses worth retrying when the body does not say otherwise. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * The server's wait hint in ms: `Retry-After` first (it is the HTTP
 * standard), then the body's `retry_after`, then — only on a 429 with nothing
 * left — the rate-limit window's reset.
 */
function waitHintMs(response: Response, bodyRetryAfterSeconds: number | undefined, nowMs: number): number | undefined {
  const header = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  if (header !== undefined) return header;
  if (bodyRetryAfterSeconds !== undefined) return bodyRetryAfterSeconds * 1000;
  if (response.status === 429) {
    const rateLimit = parseRateLimitHeaders(response.headers, nowMs);
    if (rateLimit?.remaining === 0) return rateLimit.resetMs;
  }
  return undefined;
}

/** The one rule for URLs in errors (no credentials, query or fragment); a string that is no URL loses its query and fragment. */
function errorUrl(url: string): string {
  try {
    return urlForErrors(new URL(url));
  } catch {
    return url.split(/[?#]/)[0]!;
  }
}

/** Builds the typed error for an HTTP error response and its parsed body. */
export function apiErrorFromResponse(
  response: Response,
  body: unknown,
  request?: { method?: string; url?: string },
  nowMs: number = Date.now(),
): ApiError {
  const fields = readVendorErrorBody(body);
  const url = request?.url ?? response.url;
  const details: ApiErrorDetails = {
    status: response.status,
    vendorCode: fields.code,
    vendorMessage: fields.message,
    retryable: fields.retryable ?? RETRYABLE_STATUSES.has(response.status),
    retryAfterMs: waitHintMs(response, fields.retryAfterSeconds, nowMs),
    method: request?.method,
    url: url ? errorUrl(url) : undefined,
    body,
    headers: response.headers,
  };
  switch (response.status) {
    case 401:
      return new AuthenticationError(details);
    case 403:
      return new PermissionDeniedError(details);
    case 404:
      return new NotFoundError(details);
    case 409:
      return new ConflictError(details);
    case 429:
      return new RateLimitError(details);
    default:
      return response.status >= 500 ? new ServerError(details) : new ApiError(details);
  }
}
