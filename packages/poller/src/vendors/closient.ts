import type { ClosientArchiveFormat, ClosientClient, ClosientExportSection, ClosientExportStatus } from '@exportkit/closient';
import { RateLimitError } from '@exportkit/core';
import type { JobState } from '../engine/job-state.js';
import { retryCall } from '../engine/retry-call.js';
import { ExportJob, type JobDriver } from './export-job.js';
import { governedCall } from './governed-call.js';
import { createJobContext, type JobContext, type JobOptions } from './job-context.js';
import { compact, normaliseStatus, statedSize, text } from './normalise.js';
import type { StartOptions } from './omni.js';
import { openSignedUrl } from './signed-url.js';

export interface ClosientExportRequest {
  organizationId: string;
  archiveFormat?: ClosientArchiveFormat | undefined;
}

const CLOSIENT_STATES = { pending: 'pending', processing: 'running', completed: 'succeeded', failed: 'failed' } as const;

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
    state: normaliseStatus(context, data.status, CLOSIENT_STATES),
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
  const context = createJobContext('closient', client, options);
  const { data } = await retryCall(
    (signal) =>
      governedCall(context, signal, 'POST', (s) =>
        client.POST('/dashboard/api/v1/data-export/{organization_id}', {
          params: {
            path: { organization_id: request.organizationId },
            ...(request.archiveFormat ? { query: { archive_format: request.archiveFormat } } : {}),
          },
          signal: s,
        }),
      ),
    // A second request would start a second export: only a refused (429) one is retried.
    { ...options, mayRetry: (error) => error instanceof RateLimitError },
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
  const context = createJobContext('closient', client, options);
  return new ExportJob(closientDriver(client, context, where), context);
}
