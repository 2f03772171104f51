/**
 * VideoDB downloads through the poller: one call from stream link (or download id) to file on disk.
 *
 * @module @exportkit/poller/videodb
 */
import type { VideoDBClient } from '@exportkit/videodb';
import { JobFailedError } from './errors/job-failed-error.js';
import { runExport, type ExportResult, type RunExportOptions } from './export/run-export.js';
import { retryVideoDBExport, startVideoDBExport, type VideoDBExportRequest } from './vendors/videodb.js';

export {
  resumeVideoDBExport,
  retryVideoDBExport,
  startVideoDBExport,
  videoDBAdapter,
  type VideoDBExportRequest,
} from './vendors/videodb.js';
export type { StartOptions } from './export/governed-call.js';

export interface VideoDBExportOptions extends RunExportOptions {
  /** A failed download is retried once through VideoDB's retry endpoint before giving up. */
  retryFailed?: boolean | undefined;
}

/**
 * Creates a VideoDB download (or attaches to `downloadId`), waits and writes
 * the file. With `retryFailed`, a failed download is asked to run again once.
 */
export async function exportVideoDBDownload(client: VideoDBClient, request: VideoDBExportRequest, options: VideoDBExportOptions): Promise<ExportResult> {
  try {
    return await runExport({ start: (signal) => startVideoDBExport(client, request, { ...options, signal }) }, options);
  } catch (error) {
    if (!options.retryFailed || !(error instanceof JobFailedError) || !error.job) throw error;
    const failed = error.job;
    options.logger?.info?.('videodb: the download failed; asking VideoDB to retry it', { job: failed.id });
    return runExport({ start: (signal) => retryVideoDBExport(client, failed, { ...options, signal }) }, options);
  }
}
