import { randomUUID } from 'node:crypto';
import type { OmniDownloadConflict, OmniDownloadRequest, OmniDownloadStarted, OmniDownloadStatus } from '@exportkit/omni';
import { validateOmniDownloadRequest } from '@exportkit/omni';
import { jobPhase } from '../../jobs/job-timeline.js';
import { jsonReply, type Reply } from '../../server/reply.js';
import type { Route } from '../../server/router.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { Handler, HandlerInput } from '../vendor-api.js';
import type { OmniJob, OmniJobs } from './omni-jobs.js';
import { omniError } from './omni-errors.js';

/** Dashboards whose id starts with this do not exist (so clients can meet Omni's 404). */
export const MISSING_DASHBOARD_PREFIX = 'missing';

const CREATED_AT = (job: OmniJob) => new Date(job.createdAt).toISOString();

/** A filename for Content-Disposition: quotes and line breaks cannot break out of the header. */
const quoted = (filename: string) => `"${filename.replace(/["\\\r\n]/g, '_')}"`;

function statusBody(job: OmniJob, now: number): OmniDownloadStatus {
  const phase = jobPhase(job, now);
  const status = phase === 'running' ? 'in_progress' : phase === 'succeeded' ? 'complete' : 'error';
  return {
    job_id: job.id,
    status,
    format: job.format,
    created_at: CREATED_AT(job),
    ...(status === 'error' ? { error: 'All queries failed.' } : {}),
  };
}

/** The job a status or file call names, if the dashboard and userId match (Omni scopes jobs to both). */
function findJob(jobs: OmniJobs, input: HandlerInput): OmniJob | Reply {
  const job = jobs.get(input.params.jobId ?? '');
  const userId = input.url.searchParams.get('userId') ?? undefined;
  if (!job || job.dashboardId !== input.params.dashboardId || job.userId !== userId || job.apiKey !== input.apiKey) {
    return omniError(404, 'Job not found or does not belong to the specified dashboard.');
  }
  return job;
}

export function omniRoutes(context: VendorContext, jobs: OmniJobs): Route<Handler>[] {
  const initiate: Handler = ({ params, url, body, apiKey, fault, now }) => {
    const dashboardId = params.dashboardId ?? '';
    if (body instanceof SyntaxError) return omniError(400, 'Malformed JSON body.');
    try {
      validateOmniDownloadRequest(body);
    } catch (error) {
      return omniError(400, error instanceof Error ? error.message : String(error));
    }
    if (dashboardId.startsWith(MISSING_DASHBOARD_PREFIX)) return omniError(404, 'Dashboard not found.');
    const userId = url.searchParams.get('userId') ?? undefined;
    const running = jobs.runningOn({ dashboardId, apiKey, userId }, now);
    if (running) {
      const conflict: OmniDownloadConflict = {
        detail: 'A download is already in progress for this dashboard. Please wait for it to complete or check its status.',
        existing_job_id: running.id,
        status: 'EXECUTING',
      };
      return jsonReply(409, conflict);
    }
    const request = body as OmniDownloadRequest;
    const job = jobs.create({
      apiKey,
      dashboardId,
      ...(userId !== undefined ? { userId } : {}),
      format: request.format,
      request,
      createdAt: now,
      durationMs: context.options.jobDurationMs.omni,
      fails: fault?.fault === 'job-fails',
    });
    const started: OmniDownloadStarted = { job_id: job.id, message: 'Download initiated successfully' };
    return jsonReply(200, started);
  };

  const status: Handler = (input) => {
    const job = findJob(jobs, input);
    return 'status' in job ? job : jsonReply(200, statusBody(job, input.now));
  };

  const file: Handler = async (input) => {
    const job = findJob(jobs, input);
    if ('status' in job) return job;
    const phase = jobPhase(job, input.now);
    if (phase === 'running') return { status: 202 };
    if (phase === 'failed') return omniError(410, 'The download job failed; there is no file.');
    const made = await jobs.file(job);
    return {
      status: 200,
      headers: {
        'Content-Type': made.contentType,
        'Content-Disposition': `attachment; filename=${quoted(made.filename)}`,
      },
      file: { layout: made.layout, start: 0, end: made.layout.size },
    };
  };

  return [
    { method: 'POST', pattern: '/v1/dashboards/:dashboardId/download', stage: 'start', handler: initiate },
    { method: 'GET', pattern: '/v1/dashboards/:dashboardId/download/:jobId/status', stage: 'poll', jobParam: 'jobId', handler: status },
    { method: 'GET', pattern: '/v1/dashboards/:dashboardId/download/:jobId', stage: 'download', jobParam: 'jobId', handler: file },
  ];
}

/** A fresh Omni-looking API key (Omni does not publish a key format). */
export const newOmniKey = () => `omni_sandbox_${randomUUID().replace(/-/g, '')}`;
