import type { components, paths } from './generated/schema.js';

/** `{ success, status: processing|done|failed, data: { id, output_url } }`: create, retry, and one shape of status. */
export type VideoDBAsyncResponse = components['schemas']['AsyncResponse'];
/** `{ id, name, status: processing|done|error, created_at, download_url }`. */
export type VideoDBDownloadRecord = components['schemas']['DownloadRecord'];
/** The status endpoint answers either shape (the spec's `oneOf`). */
export type VideoDBDownloadStatus =
  paths['/download/{download_id}']['get']['responses'][200]['content']['application/json'];
/** The body of "Create download". */
export type VideoDBCreateDownloadRequest = components['schemas']['CreateDownloadRequest'];
/** VideoDB's error body, `{ success, message, error_code }`. */
export type VideoDBErrorBody = components['schemas']['ErrorResponse'];
/** The two status vocabularies: `processing | done | failed` and `processing | done | error`. */
export type VideoDBJobState =
  | NonNullable<VideoDBAsyncResponse['status']>
  | NonNullable<VideoDBDownloadRecord['status']>;
