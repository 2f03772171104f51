import type { VideoDBCreateDownloadRequest } from '@exportkit/videodb';
import { validateVideoDBCreateRequest } from '@exportkit/videodb';
import { jobPhase } from '../../jobs/job-timeline.js';
import { jsonReply } from '../../server/reply.js';
import type { Route } from '../../server/router.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { Handler, HandlerInput } from '../vendor-api.js';
import { videodbBodies, videodbError } from './videodb-bodies.js';
import type { VideoDBJob, VideoDBJobs } from './videodb-jobs.js';

const notFound = () => videodbError(404, 'Download not found.', 'NOT_FOUND');

export function videodbRoutes(context: VendorContext, jobs: VideoDBJobs): Route<Handler>[] {
  const bodies = videodbBodies(context);
  const owned = (id: string | null | undefined, apiKey: string): VideoDBJob | undefined => {
    const job = id ? jobs.get(id) : undefined;
    return job?.apiKey === apiKey ? job : undefined;
  };
  const start = (input: HandlerInput, streamLink: string, name: string | undefined) => {
    const job = jobs.create({
      apiKey: input.apiKey,
      streamLink,
      ...(name !== undefined ? { name } : {}),
      createdAt: input.now,
      durationMs: context.options.jobDurationMs.videodb,
      fails: input.fault?.fault === 'job-fails',
    });
    return jsonReply(200, bodies.asyncResponse(job, input.now));
  };

  const create: Handler = (input) => {
    if (input.body instanceof SyntaxError) return videodbError(400, 'Malformed JSON body.', 'INVALID_REQUEST');
    try {
      validateVideoDBCreateRequest(input.body);
    } catch (error) {
      return videodbError(400, error instanceof Error ? error.message : String(error), 'INVALID_REQUEST');
    }
    const request = input.body as VideoDBCreateDownloadRequest;
    return start(input, request.stream_link, request.name);
  };

  const status: Handler = (input) => {
    const job = owned(input.params.downloadId, input.apiKey);
    if (!job) return notFound();
    return jsonReply(200, bodies.status(job, input.now, input.fault?.fault === 'expired-signed-url'));
  };

  // "Retry a failed download": a new processing request with the same parameters.
  const retry: Handler = (input) => {
    const job = owned(input.params.downloadId, input.apiKey);
    if (!job) return notFound();
    if (jobPhase(job, input.now) !== 'failed') {
      return videodbError(400, 'Only a failed download can be retried.', 'INVALID_REQUEST');
    }
    return start(input, job.streamLink, job.name);
  };

  const list: Handler = ({ url, apiKey, now }) => {
    const pageIndex = Number(url.searchParams.get('page_index') ?? 0);
    const count = Number(url.searchParams.get('count') ?? 100);
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || !Number.isInteger(count) || count < 1 || count > 5000) {
      return videodbError(400, 'page_index must be >= 0 and count 1..5000.', 'INVALID_REQUEST');
    }
    const page = jobs.ownedBy(apiKey).slice(pageIndex * count, (pageIndex + 1) * count);
    return jsonReply(200, { success: true, data: { downloads: page.map((job) => bodies.record(job, now)) } });
  };

  const remove: Handler = ({ url, apiKey }) => {
    const job = owned(url.searchParams.get('download_id'), apiKey);
    if (!job) return notFound();
    jobs.delete(job.id);
    return jsonReply(200, { success: true, message: 'Download deleted.' });
  };

  const asyncResult: Handler = ({ params, apiKey, now }) => {
    const job = owned(params.responseId, apiKey);
    if (!job) return videodbError(404, 'Response not found.', 'NOT_FOUND');
    const { status } = bodies.asyncResponse(job, now);
    return jsonReply(200, { success: true, status, data: status === 'done' ? bodies.record(job, now) : {} });
  };

  return [
    { method: 'POST', pattern: '/download', stage: 'start', handler: create },
    { method: 'GET', pattern: '/download', stage: 'poll', handler: list },
    { method: 'DELETE', pattern: '/download', handler: remove },
    { method: 'GET', pattern: '/download/:downloadId', stage: 'poll', jobParam: 'downloadId', handler: status },
    { method: 'POST', pattern: '/download/:downloadId', stage: 'start', jobParam: 'downloadId', handler: retry },
    { method: 'GET', pattern: '/async-response/:responseId', stage: 'poll', jobParam: 'responseId', handler: asyncResult },
  ];
}
