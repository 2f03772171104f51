import { ApiError, type ApiErrorDetails } from './api-error.js';

// One class per status family users branch on; everything else is ApiError.

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
  constructor(details: ApiErrorDetails) {
    super(details, 'unauthorized');
  }
}

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
  constructor(details: ApiErrorDetails) {
    super(details, 'forbidden');
  }
}

/** 404: the resource (or the job, for this user) does not exist. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  constructor(details: ApiErrorDetails) {
    super(details, 'not_found');
  }
}

/** 409: a conflicting job exists (Omni carries its `existing_job_id` in `body`). */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
  constructor(details: ApiErrorDetails) {
    super(details, 'conflict');
  }
}

/** 429: over the vendor's rate limit; `retryAfterMs` says how long to wait when known. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  constructor(details: ApiErrorDetails) {
    super(details, 'rate_limited');
  }
}

/** 5xx: the vendor failed; usually worth retrying. */
export class ServerError extends ApiError {
  override name = 'ServerError';
  constructor(details: ApiErrorDetails) {
    super(details, 'server_error');
  }
}
