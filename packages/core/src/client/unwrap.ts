import { apiErrorFromResponse } from '../errors/api-error-from-response.js';

/** The `{ data, error, response }` result every openapi-fetch call returns. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns a call's data, or throws the typed `ApiError` for its error
 * response. For callers who prefer exceptions to openapi-fetch's result
 * objects; the poller uses it on every call.
 */
export function unwrap<T>(result: FetchResult<T>, method?: string): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  throw apiErrorFromResponse(result.response, result.error, { method, url: result.response.url });
}
