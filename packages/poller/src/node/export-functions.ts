import type { ClosientClient, ClosientExportSection } from '@exportkit/closient';
import type { OmniClient } from '@exportkit/omni';
import type { VideoDBClient } from '@exportkit/videodb';
import { closientSections, startClosientExport, type ClosientExportRequest } from '../vendors/closient.js';
import type { ExportJob } from '../vendors/export-job.js';
import type { JobOptions } from '../vendors/job-context.js';
import { startOmniExport, type OmniExportRequest } from '../vendors/omni.js';
import { resumeExport, type VendorClients } from '../vendors/resume-export.js';
import type { ResumeToken } from '../vendors/resume-token.js';
import { retryVideoDBExport, startVideoDBExport, type VideoDBExportRequest } from '../vendors/videodb.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { downloadJob, type DownloadOptions, type DownloadResult } from './download-job.js';

/** Everything one export call takes: where the file goes, the wait, the budget. */
export type ExportOptions = DownloadOptions & JobOptions;

export interface ClosientExportResult extends DownloadResult {
  /** What each section of the organization exported (ok, empty, partial, error). */
  sections: ClosientExportSection[];
}

/** Starts an Omni dashboard download, waits for it and writes the file under `options.to`. */
export async function exportOmniDashboard(
  client: OmniClient,
  request: OmniExportRequest,
  options: ExportOptions,
): Promise<DownloadResult> {
  const job = await startOmniExport(client, request, options);
  return downloadJob(job, options);
}

/**
 * Creates a VideoDB download (or attaches to `downloadId`), waits and writes
 * the file. With `retryFailed`, a failed download is retried once through
 * VideoDB's retry endpoint before giving up.
 */
export async function exportVideoDBDownload(
  client: VideoDBClient,
  request: VideoDBExportRequest,
  options: ExportOptions & { retryFailed?: boolean | undefined },
): Promise<DownloadResult> {
  const job = await startVideoDBExport(client, request, options);
  try {
    return await downloadJob(job, options);
  } catch (error) {
    if (!options.retryFailed || !(error instanceof JobFailedError)) throw error;
    options.logger?.info?.('videodb: the download failed; asking VideoDB to retry it', { job: job.id });
    return downloadJob(await retryVideoDBExport(client, job, options), options);
  }
}

/** Requests a Closient organization export, waits and writes the archive; `sections` says what it holds. */
export async function exportClosientOrg(
  client: ClosientClient,
  request: ClosientExportRequest,
  options: ExportOptions,
): Promise<ClosientExportResult> {
  const job = await startClosientExport(client, request, options);
  const result = await downloadJob(job, options);
  return { ...result, sections: closientSections(result.job) };
}

/** Continues a job from its resume token in this process: waits, then downloads (resuming a kept partial file). */
export function resumeDownload(clients: VendorClients, token: ResumeToken | string, options: ExportOptions): Promise<DownloadResult> {
  const job: ExportJob = resumeExport(clients, token, options);
  return downloadJob(job, options);
}
