import { ApiError, ConflictError, ExportkitError, type FetchResult } from '@exportkit/core';
import { omniFacts, type OmniClient, type OmniDownloadRequest, type OmniDownloadStatus, type OmniJobState } from '@exportkit/omni';
import { JobFailedError } from '../errors/job-failed-error.js';
import { fromFetchResponse } from '../download/file-response.js';
import { ExportJob, type FileRequest, type JobDriver } from '../export/export-job.js';
import { governedCall, governedStart, type StartOptions } from '../export/governed-call.js';
import { compact, normaliseStatus, text } from '../export/job-fields.js';
import { createJobContext, type JobContext, type JobOptions } from '../export/job-context.js';
import type { JobState, JobStatus } from '../export/job-state.js';
import { tokenField, type ResumeToken } from '../export/resume-token.js';
import type { VendorAdapter } from '../export/vendor-adapter.js';

export interface OmniExportRequest {
  dashboardId: string;
  /** Run as this user (organization keys only); status and file calls carry it too. */
  userId?: string | undefined;
  body: OmniDownloadRequest;
}

/** Where an Omni job is: what its status and file calls need. */
export interface OmniJobLocation {
  dashboardId: string;
  userId?: string | undefined;
  jobId: string;
}

const START = 'POST /v1/dashboards/{dashboardId}/download';
const STATUS = 'GET /v1/dashboards/{dashboardId}/download/{jobId}/status';
const FILE = 'GET /v1/dashboards/{dashboardId}/download/{jobId}';
/** Omni's status words, declared in its overlay; a word the spec adds and the overlay misses fails the build here. */
const OMNI_STATES = omniFacts.jobStates[STATUS] satisfies Record<OmniJobState, JobStatus>;
const VENDOR = { name: 'omni', quotas: omniFacts.rateLimits };

function omniDriver(client: OmniClient, context: JobContext, where: OmniJobLocation): JobDriver {
  const params = {
    path: { dashboardId: where.dashboardId, jobId: where.jobId },
    ...(where.userId ? { query: { userId: where.userId } } : {}),
  };
  return {
    vendor: 'omni',
    id: where.jobId,
    async poll(signal) {
      const { data } = await governedCall(context, signal, 'GET', (s) =>
        client.GET('/v1/dashboards/{dashboardId}/download/{jobId}/status', { params, signal: s }),
      );
      return toJobState(context, where.jobId, data);
    },
    async openFile(job: JobState, request: FileRequest) {
      try {
        const { response } = await governedCall(context, request.signal, 'GET', (s) =>
          client.GET('/v1/dashboards/{dashboardId}/download/{jobId}', {
            params,
            parseAs: 'stream',
            headers: request.headers,
            signal: s,
          }) as Promise<FetchResult<unknown>>,
          { streaming: true },
        );
        if ((omniFacts.notReady[FILE] as readonly number[]).includes(response.status)) {
          await response.body?.cancel();
          return 'not_ready';
        }
        return fromFetchResponse(response);
      } catch (error) {
        // Omni's file endpoint answers 410 when the job failed after all.
        if (error instanceof ApiError && error.status === 410) throw new JobFailedError(`The omni job ${job.id} failed`, job);
        throw error;
      }
    },
    token: () => ({
      version: 1,
      vendor: 'omni',
      jobId: where.jobId,
      dashboardId: where.dashboardId,
      ...(where.userId ? { userId: where.userId } : {}),
    }),
  };
}

function toJobState(context: JobContext, jobId: string, data: OmniDownloadStatus): JobState {
  return compact({
    vendor: 'omni' as const,
    id: jobId,
    state: normaliseStatus(context, jobId, data.status, OMNI_STATES),
    error: text(data.error),
    raw: data,
  });
}

/** The job a 409 names: Omni runs one download per dashboard at a time, and we join it. */
function existingJobId(error: unknown): string | undefined {
  if (!(error instanceof ConflictError)) return undefined;
  return text((error.body as { existing_job_id?: unknown } | undefined)?.existing_job_id);
}

/** Starts an Omni dashboard (or tile) download; a 409 attaches to the download already running. */
export async function startOmniExport(client: OmniClient, request: OmniExportRequest, options: StartOptions = {}): Promise<ExportJob> {
  const context = createJobContext(VENDOR, client, options);
  const query = request.userId ? { query: { userId: request.userId } } : {};
  let jobId: string | undefined;
  try {
    const { data } = await governedStart(context, omniFacts.startRetry[START], options, (s) =>
      client.POST('/v1/dashboards/{dashboardId}/download', {
        params: { path: { dashboardId: request.dashboardId }, ...query },
        body: request.body,
        signal: s,
      }),
    );
    jobId = text(data.job_id);
  } catch (error) {
    jobId = existingJobId(error);
    if (jobId === undefined) throw error;
    context.logger?.info?.('omni: a download is already running for this dashboard; attaching to it', { jobId });
  }
  if (jobId === undefined) throw new ExportkitError('http_error', 'Omni accepted the download but returned no job_id');
  return resumeOmniExport(client, { dashboardId: request.dashboardId, userId: request.userId, jobId }, options);
}

/** Reattaches to an Omni job (from a resume token) without starting a new download. */
export function resumeOmniExport(client: OmniClient, where: OmniJobLocation, options: JobOptions = {}): ExportJob {
  const context = createJobContext(VENDOR, client, options);
  return new ExportJob(omniDriver(client, context, where), context);
}

/** Omni's lifecycle bound to a client, for `resumeExport`. */
export function omniAdapter(client: OmniClient): VendorAdapter {
  return {
    vendor: 'omni',
    resume: (token: ResumeToken, options?: JobOptions) =>
      resumeOmniExport(
        client,
        { jobId: token.jobId, dashboardId: tokenField(token, 'dashboardId', true) as string, userId: tokenField(token, 'userId', false) },
        options,
      ),
  };
}
