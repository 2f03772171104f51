import { ExportkitError } from '@exportkit/core';
import { videoDBFacts, type VideoDBClient, type VideoDBDownloadStatus, type VideoDBJobState } from '@exportkit/videodb';
import { openSignedUrl } from '../download/signed-url.js';
import { ExportJob, type JobDriver } from '../export/export-job.js';
import { governedCall, governedStart, type StartOptions } from '../export/governed-call.js';
import { compact, normaliseStatus, text } from '../export/job-fields.js';
import { createJobContext, type JobContext, type JobOptions } from '../export/job-context.js';
import type { JobState, JobStatus } from '../export/job-state.js';
import type { ResumeToken } from '../export/resume-token.js';
import type { VendorAdapter } from '../export/vendor-adapter.js';

/** Create a download from a stream link, or attach to one that exists. */
export type VideoDBExportRequest = { streamLink: string; name?: string | undefined } | { downloadId: string };

// Two shapes answer the status call, with two vocabularies (`failed` and `error` mean the same), both declared in the overlay.
const VIDEODB_STATES = videoDBFacts.jobStates['GET /download/{download_id}'] satisfies Record<VideoDBJobState, JobStatus>;
const VENDOR = { name: 'videodb', quotas: videoDBFacts.rateLimits };

function videoDBDriver(client: VideoDBClient, context: JobContext, jobId: string): JobDriver {
  return {
    vendor: 'videodb',
    id: jobId,
    async poll(signal) {
      const { data } = await governedCall(context, signal, 'GET', (s) =>
        client.GET('/download/{download_id}', { params: { path: { download_id: jobId } }, signal: s }),
      );
      const state = toJobState(context, jobId, data);
      if (state.state !== 'succeeded' || state.downloadUrl !== undefined) return state;
      return withAsyncResult(client, context, state, data, signal);
    },
    openFile: (job, request) => openSignedUrl(context, job, request),
    token: () => ({ version: 1, vendor: 'videodb', jobId }),
  };
}

function toJobState(context: JobContext, jobId: string, body: VideoDBDownloadStatus): JobState {
  const data = (body.data ?? {}) as Record<string, unknown>;
  const word = 'status' in body && body.status !== undefined ? body.status : data.status;
  return compact({
    vendor: 'videodb' as const,
    id: jobId,
    state: normaliseStatus(context, jobId, word, VIDEODB_STATES),
    downloadUrl: text(data.download_url),
    filename: text(data.name),
    error: text((body as { message?: unknown }).message),
    raw: body,
  });
}

/**
 * A finished download answered in the AsyncResponse shape carries no file URL,
 * only `data.output_url`, the async-response resource that holds the result:
 * follow it (one more governed call) for the download record.
 */
async function withAsyncResult(
  client: VideoDBClient,
  context: JobContext,
  state: JobState,
  body: VideoDBDownloadStatus,
  signal: AbortSignal | undefined,
): Promise<JobState> {
  const outputUrl = text((body.data as Record<string, unknown> | undefined)?.output_url);
  const responseId = outputUrl?.split('?')[0]?.split('/').filter(Boolean).pop();
  if (responseId === undefined) return state;
  const { data } = await governedCall(context, signal, 'GET', (s) =>
    client.GET('/async-response/{response_id}', { params: { path: { response_id: decodeURIComponent(responseId) } }, signal: s }),
  );
  const result = (data.data ?? {}) as Record<string, unknown>;
  return compact({ ...state, downloadUrl: text(result.download_url), filename: state.filename ?? text(result.name) });
}

/** Creates a VideoDB download (or attaches to `downloadId`) and returns its job. */
export async function startVideoDBExport(client: VideoDBClient, request: VideoDBExportRequest, options: StartOptions = {}): Promise<ExportJob> {
  if ('downloadId' in request) return resumeVideoDBExport(client, { jobId: request.downloadId }, options);
  const context = createJobContext(VENDOR, client, options);
  const body = { stream_link: request.streamLink, ...(request.name !== undefined ? { name: request.name } : {}) };
  const { data } = await governedStart(context, videoDBFacts.startRetry['POST /download'], options, (s) =>
    client.POST('/download', { body, signal: s }),
  );
  const jobId = text(data.data?.id);
  if (jobId === undefined) throw new ExportkitError('http_error', 'VideoDB accepted the download but returned no id');
  return resumeVideoDBExport(client, { jobId }, options);
}

/** Asks VideoDB to run a failed download again (POST /download/{id}); returns the job to wait for. */
export async function retryVideoDBExport(client: VideoDBClient, job: { id: string }, options: StartOptions = {}): Promise<ExportJob> {
  const context = createJobContext(VENDOR, client, options);
  const { data } = await governedStart(context, videoDBFacts.startRetry['POST /download/{download_id}'], options, (s) =>
    client.POST('/download/{download_id}', { params: { path: { download_id: job.id } }, signal: s }),
  );
  return resumeVideoDBExport(client, { jobId: text(data.data?.id) ?? job.id }, options);
}

/** Reattaches to a VideoDB download without creating a new one. */
export function resumeVideoDBExport(client: VideoDBClient, where: { jobId: string }, options: JobOptions = {}): ExportJob {
  const context = createJobContext(VENDOR, client, options);
  return new ExportJob(videoDBDriver(client, context, where.jobId), context);
}

/** VideoDB's lifecycle bound to a client, for `resumeExport`. */
export function videoDBAdapter(client: VideoDBClient): VendorAdapter {
  return {
    vendor: 'videodb',
    resume: (token: ResumeToken, options?: JobOptions) => resumeVideoDBExport(client, { jobId: token.jobId }, options),
  };
}
