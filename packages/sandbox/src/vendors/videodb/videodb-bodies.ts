import type { VideoDBAsyncResponse, VideoDBDownloadRecord, VideoDBErrorBody } from '@exportkit/videodb';
import { jobEndsAt, jobPhase } from '../../jobs/job-timeline.js';
import { jsonReply, type Reply } from '../../server/reply.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { VideoDBJob } from './videodb-jobs.js';

/** VideoDB's shared error body. */
export function videodbError(status: number, message: string, errorCode = 'ERROR'): Reply {
  const body: VideoDBErrorBody = { success: false, message, error_code: errorCode };
  return jsonReply(status, body);
}

/** How bodies are built: they need the API root (output_url) and the signer (download_url). */
export function videodbBodies(context: VendorContext) {
  /** A fresh signed URL each time it is asked for (VideoDB: "regenerate by asking again"). */
  const downloadUrl = (job: VideoDBJob, now: number, expired: boolean) =>
    context.signer.sign({
      objectPath: `videodb/${job.id}/${job.name}`,
      expiresAt: expired ? now - 1000 : now + context.options.signedUrlTtlMs.videodb,
    });

  const record = (job: VideoDBJob, now: number, expiredUrl = false): VideoDBDownloadRecord => {
    const phase = jobPhase(job, now);
    return {
      id: job.id,
      name: job.name,
      status: phase === 'running' ? 'processing' : phase === 'succeeded' ? 'done' : 'error',
      created_at: new Date(job.createdAt).toISOString(),
      ...(phase === 'succeeded' ? { download_url: downloadUrl(job, Math.max(now, jobEndsAt(job)), expiredUrl) } : {}),
    };
  };

  const asyncResponse = (job: VideoDBJob, now: number): VideoDBAsyncResponse => {
    const phase = jobPhase(job, now);
    return {
      success: true,
      status: phase === 'running' ? 'processing' : phase === 'succeeded' ? 'done' : 'failed',
      data: { id: job.id, output_url: `${context.baseUrl}/async-response/${job.id}` },
    };
  };

  /** The status endpoint's answer: one of the spec's two shapes, as configured. */
  const status = (job: VideoDBJob, now: number, expiredUrl: boolean) => {
    const shape = context.options.videodbStatusShape;
    const running = jobPhase(job, now) === 'running';
    if (shape === 'async' || (shape === 'by-state' && running)) return asyncResponse(job, now);
    return { success: true, data: record(job, now, expiredUrl) };
  };

  return { record, asyncResponse, status };
}
