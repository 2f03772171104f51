import type { components, paths } from './generated/schema.js';

type InitiatePath = paths['/v1/dashboards/{dashboardId}/download']['post'];
type StatusPath = paths['/v1/dashboards/{dashboardId}/download/{jobId}/status']['get'];

/** The body of "Initiate download". */
export type OmniDownloadRequest = InitiatePath['requestBody']['content']['application/json'];
/** `pdf | png | csv | xlsx | json`. */
export type OmniDownloadFormat = OmniDownloadRequest['format'];
/** The answer to "Initiate download": the job id to poll. */
export type OmniDownloadStarted = InitiatePath['responses'][200]['content']['application/json'];
/** The answer to "Check download status". */
export type OmniDownloadStatus = StatusPath['responses'][200]['content']['application/json'];
/** `in_progress | complete | error`. */
export type OmniJobState = NonNullable<OmniDownloadStatus['status']>;
/** The 409 body: a download for this dashboard is already running. */
export type OmniDownloadConflict = components['schemas']['DownloadConflict'];
/** Omni's error body. */
export type OmniErrorBody = components['schemas']['Error'];
