import type { FileCache } from '../../jobs/file-cache.js';
import { jobAccess } from '../../jobs/job-access.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { VendorApi } from '../vendor-api.js';
import { ClosientJobs } from './closient-jobs.js';
import { hasValidChecksum } from './closient-keys.js';
import { closientProblem } from './closient-problem.js';
import { ClosientRateLimit } from './closient-rate-limit.js';
import { closientRoutes } from './closient-routes.js';

/** Requests without a valid key are rate-limited together, as a gateway limits by client address. */
const ANONYMOUS = '(anonymous)';

/** Closient: `X-API-Key: csb_…`, problem+json errors, 300/min + 10,000/day with headers on every response. */
export function createClosientApi(context: VendorContext, files: FileCache): VendorApi {
  const jobs = new ClosientJobs(files, context.options.fileSizes.closient);
  const limits = new ClosientRateLimit(context.options.closientPerMinute, context.options.closientPerDay);
  return {
    vendor: 'closient',
    prefix: '/closient',
    routes: closientRoutes(context, jobs),
    authenticate(headers) {
      const key = headers['x-api-key'];
      if (typeof key === 'string' && hasValidChecksum(key) && context.keys.has(key)) return key;
      return closientProblem(401, 'Authentication credentials were not provided or are invalid.');
    },
    admit: (apiKey, now) => limits.admit(apiKey, now),
    decorate: (reply, apiKey, now) => ({ ...reply, headers: { ...limits.headers(apiKey ?? ANONYMOUS, now), ...reply.headers } }),
    errorReply: (status, message) => closientProblem(status, message),
    withUnknownStatus: (json) => ({ ...(json as object), status: 'archiving' }),
    jobs: jobAccess((jobId) => jobs.get(jobId), (job) => jobs.file(job), context.options.now),
  };
}
