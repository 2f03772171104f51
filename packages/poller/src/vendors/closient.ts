import {
  closientFacts,
  type ClosientArchiveFormat,
  type ClosientClient,
  type ClosientExportSection,
  type ClosientExportState,
  type ClosientExportStatus,
} from '@exportkit/closient';
import { ValidationError } from '@exportkit/core';
import { openSignedUrl } from '../download/signed-url.js';
import { ExportJob, type JobDriver } from '../export/export-job.js';
import { governedCall, governedStart, type StartOptions } from '../export/governed-call.js';
import { compact, normaliseStatus, statedSize, text } from '../export/job-fields.js';
import { createJobContext, type JobContext, type JobOptions } from '../export/job-context.js';
import type { JobState, JobStatus } from '../export/job-state.js';
import { tokenField, type ResumeToken } from '../export/resume-token.js';
import type { VendorAdapter } from '../export/vendor-adapter.js';

export interface ClosientExportRequest {
  organizationId: string;
  archiveFormat?: ClosientArchiveFormat | undefined;
}

/** Closient's status words, declared in its overlay; a word the spec adds and the overlay misses fails the build here. */
const CLOSIENT_STATES = closientFacts.jobStates['GET /dashboard/api/v1/data-export/{organization_id}/{job_id}'] satisfies Record<
  ClosientExportState,
  JobStatus
>;
const VENDOR = { name: 'closient', quotas: closientFacts.rateLimits };

function closientDriver(client: ClosientClient, context: JobContext, where: ClosientExportRequest & { jobId: string }): JobDriver {
  return {
    vendor: 'closient',
    id: where.jobId,
    async poll(signal) {
      const { data } = await governedCall(context, signal, 'GET', (s) =>
        client.GET('/dashboard/api/v1/data-export/{organization_id}/{job_id}', {
          params: { path: { organization_id: where.organizationId, job_id: where.jobId } },
          signal: s,
        }),
      );
      return toJobState(context, where.jobId, data);
    },
    openFile: (job, request) => openSignedUrl(context, job, request),
    token: () => ({
      version: 1,
      vendor: 'closient',
      jobId: where.jobId,
      organizationId: where.organizationId,
      ...(where.archiveFormat ? { archiveFormat: where.archiveFormat } : {}),
    }),
  };
}

function toJobState(context: JobContext, jobId: string, data: ClosientExportStatus): JobState {
  return compact({
    vendor: 'closient' as const,
    id: jobId,
    state: normaliseStatus(context, jobId, data.status, CLOSIENT_STATES),
    downloadUrl: text(data.download_url),
    expiresAt: text(data.expires_at),
    filename: text(data.output_filename),
    size: statedSize(data.file_size_bytes),
    error: text(data.error),
    raw: data,
  });
}

/** The per-section inventory of a finished Closient export (also in the archive's manifest). */
export function closientSections(job: JobState | undefined): ClosientExportSection[] {
  const sections = (job?.raw as { sections?: unknown } | undefined)?.sections;
  return Array.isArray(sections) ? (sections as ClosientExportSection[]) : [];
}

/** Requests a Closient organization export (zip or tar.gz) and returns its job. */
export async function startClosientExport(client: ClosientClient, request: ClosientExportRequest, options: StartOptions = {}): Promise<ExportJob> {
  const context = createJobContext(VENDOR, client, options);
  const { data } = await governedStart(context, closientFacts.startRetry['POST /dashboard/api/v1/data-export/{organization_id}'], options, (s) =>
    client.POST('/dashboard/api/v1/data-export/{organization_id}', {
      params: {
        path: { organization_id: request.organizationId },
        ...(request.archiveFormat ? { query: { archive_format: request.archiveFormat } } : {}),
      },
      signal: s,
    }),
  );
  const initial = toJobState(context, data.job_id, data);
  return new ExportJob(closientDriver(client, context, { ...request, jobId: data.job_id }), context, initial);
}

/** Reattaches to a Closient export without requesting a new one. */
export function resumeClosientExport(
  client: ClosientClient,
  where: ClosientExportRequest & { jobId: string },
  options: JobOptions = {},
): ExportJob {
  const context = createJobContext(VENDOR, client, options);
  return new ExportJob(closientDriver(client, context, where), context);
}

/** Closient's lifecycle bound to a client, for `resumeExport`. */
export function closientAdapter(client: ClosientClient): VendorAdapter {
  return {
    vendor: 'closient',
    resume: (token: ResumeToken, options?: JobOptions) => {
      const format = token.archiveFormat;
      if (format !== undefined && format !== 'zip' && format !== 'tar.gz') throw new ValidationError('token.archiveFormat', 'must be zip or tar.gz');
      const organizationId = tokenField(token, 'organizationId', true) as string;
      return resumeClosientExport(client, { jobId: token.jobId, organizationId, ...(format ? { archiveFormat: format } : {}) }, options);
    },
  };
}
