import { randomBytes } from 'node:crypto';
import type { FileCache } from '../../jobs/file-cache.js';
import { jobAccess } from '../../jobs/job-access.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { VendorApi } from '../vendor-api.js';
import { videodbError } from './videodb-bodies.js';
import { VideoDBJobs } from './videodb-jobs.js';
import { videodbRoutes } from './videodb-routes.js';

/** A fresh VideoDB-looking key (`sk-…`). */
export const newVideoDBKey = () => `sk-sandbox${randomBytes(16).toString('hex')}`;

/** VideoDB: `x-access-token: sk-…`; no rate limit is documented, so none is enforced. */
export function createVideoDBApi(context: VendorContext, files: FileCache): VendorApi {
  const jobs = new VideoDBJobs(files, context.options.fileSizes.videodb);
  return {
    vendor: 'videodb',
    prefix: '/videodb',
    routes: videodbRoutes(context, jobs),
    authenticate(headers) {
      const key = headers['x-access-token'];
      if (typeof key === 'string' && context.keys.has(key)) return key;
      return videodbError(401, 'Invalid or missing API key (x-access-token).', 'UNAUTHORIZED');
    },
    errorReply: (status, message) => videodbError(status, message, status === 429 ? 'RATE_LIMITED' : 'ERROR'),
    withUnknownStatus(json) {
      const body = json as { status?: string; data?: { status?: string } };
      if (body.status !== undefined) return { ...body, status: 'uploading' };
      return { ...body, data: { ...body.data, status: 'uploading' } };
    },
    jobs: jobAccess((jobId) => jobs.get(jobId), (job) => jobs.file(job), context.options.now),
  };
}
