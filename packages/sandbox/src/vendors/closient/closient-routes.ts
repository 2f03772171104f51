import type { ClosientExportStatus } from '@exportkit/closient';
import { closientArchiveFormats, SHORTUUID_PATTERN } from '@exportkit/closient';
import { CLOSIENT_FORMAT_VERSION, exportSections } from '../../files/closient-export.js';
import { jobEndsAt, jobPhase, jobProgress } from '../../jobs/job-timeline.js';
import { jsonReply, type Reply } from '../../server/reply.js';
import type { Route } from '../../server/router.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { Handler } from '../vendor-api.js';
import type { ClosientJob, ClosientJobs } from './closient-jobs.js';
import { closientProblem } from './closient-problem.js';

const invalid = (field: string, message: string): Reply =>
  closientProblem(422, 'Validation error.', { details: [{ loc: field.split('.'), msg: message, type: 'value_error' }] });

export function closientRoutes(context: VendorContext, jobs: ClosientJobs): Route<Handler>[] {
  const statusBody = async (job: ClosientJob, now: number, expiredUrl: boolean): Promise<ClosientExportStatus> => {
    const phase = jobPhase(job, now);
    const base = { job_id: job.id, archive_format: job.archiveFormat, format_version: CLOSIENT_FORMAT_VERSION };
    if (phase === 'running') {
      const status = jobProgress(job, now) < 1 / 3 ? 'pending' : 'processing';
      return { ...base, status, output_filename: null, file_size_bytes: 0, download_url: null, expires_at: null, sections: [], error: null };
    }
    if (phase === 'failed') {
      return { ...base, status: 'failed', output_filename: null, file_size_bytes: 0, download_url: null, expires_at: null, sections: [], error: 'The export failed: the archive could not be written.' };
    }
    const file = await jobs.file(job);
    // A fresh URL on each poll: a client whose URL expired polls again for a new one.
    const issuedAt = Math.max(now, jobEndsAt(job));
    const expiresAt = expiredUrl ? now - 1000 : issuedAt + context.options.signedUrlTtlMs.closient;
    return {
      ...base,
      status: 'completed',
      output_filename: job.outputFilename,
      file_size_bytes: file.layout.size,
      download_url: context.signer.sign({ objectPath: `closient/${job.id}/${job.outputFilename}`, expiresAt }),
      expires_at: new Date(expiresAt).toISOString(),
      sections: exportSections(job.id),
      error: null,
    };
  };

  const request: Handler = async ({ params, url, apiKey, fault, now }) => {
    const organizationId = params.organizationId ?? '';
    if (!SHORTUUID_PATTERN.test(organizationId)) return invalid('path.organization_id', 'must be a 22-character shortuuid');
    const format = url.searchParams.get('archive_format') ?? 'zip';
    const archiveFormat = closientArchiveFormats.find((known) => known === format);
    if (!archiveFormat) return invalid('query.archive_format', `must be one of ${closientArchiveFormats.join(', ')}`);
    const job = jobs.create({
      apiKey,
      organizationId,
      archiveFormat,
      createdAt: now,
      durationMs: context.options.jobDurationMs.closient,
      fails: fault?.fault === 'job-fails',
    });
    return jsonReply(200, await statusBody(job, now, false));
  };

  const poll: Handler = async ({ params, apiKey, fault, now }) => {
    const job = jobs.get(params.jobId ?? '');
    if (!job || job.organizationId !== params.organizationId || job.apiKey !== apiKey) {
      return closientProblem(404, 'The requested resource was not found.');
    }
    return jsonReply(200, await statusBody(job, now, fault?.fault === 'expired-signed-url'));
  };

  return [
    { method: 'POST', pattern: '/dashboard/api/v1/data-export/:organizationId', stage: 'start', handler: request },
    { method: 'GET', pattern: '/dashboard/api/v1/data-export/:organizationId/:jobId', stage: 'poll', jobParam: 'jobId', handler: poll },
  ];
}
