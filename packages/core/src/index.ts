/**
 * Errors, header parsers, pre-request validation rules and the client factory shared by every vendor client.
 *
 * @module @exportkit/core
 */
export { ExportkitError, isExportkitError, type ExportkitErrorCode } from './errors/exportkit-error.js';
export { ValidationError } from './errors/validation-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { RedirectError } from './errors/redirect-error.js';
export { ApiError, type ApiErrorDetails } from './errors/api-error.js';
export {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './errors/status-errors.js';
export { apiErrorFromResponse } from './errors/api-error-from-response.js';
export { parseRetryAfter } from './http/parse-retry-after.js';
export { urlForErrors } from './http/url-for-errors.js';
export { parseRateLimitHeaders, parseRateLimitPolicy, type RateLimitInfo } from './http/parse-rate-limit.js';
export { readVendorErrorBody, type VendorErrorFields } from './http/vendor-error-body.js';
export { redactSecret, REDACTED } from './client/redact.js';
export { unwrap, type FetchResult } from './client/unwrap.js';
export { budgetIdForKey, budgetIdOf } from './client/budget-id.js';
export {
  createVendorClient,
  type OutgoingCall,
  type VendorClientOptions,
  type VendorDefinition,
} from './client/vendor-client.js';
export * from './validation/rules.js';
