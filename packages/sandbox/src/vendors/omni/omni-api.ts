import { jobAccess } from '../../jobs/job-access.js';
import type { FileCache } from '../../jobs/file-cache.js';
import { WindowCounter } from '../../server/window-counter.js';
import type { VendorContext } from '../../server/sandbox-state.js';
import type { VendorApi } from '../vendor-api.js';
import { omniError } from './omni-errors.js';
import { OmniJobs } from './omni-jobs.js';
import { omniRoutes } from './omni-routes.js';

const BEARER = /^Bearer\s+(.+)$/i;

/** Omni: `Authorization: Bearer <key>`, 60 requests/minute per key, and 429s with no rate-limit headers. */
export function createOmniApi(context: VendorContext, files: FileCache): VendorApi {
  const jobs = new OmniJobs(files, context.options.fileSizes.omni);
  const perMinute = new WindowCounter(context.options.omniPerMinute, 60_000);
  return {
    vendor: 'omni',
    prefix: '/omni/api',
    routes: omniRoutes(context, jobs),
    authenticate(headers) {
      const key = BEARER.exec(headers.authorization ?? '')?.[1]?.trim();
      if (key && context.keys.has(key)) return key;
      return omniError(401, 'Missing or invalid API key or personal access token.');
    },
    admit(apiKey, now) {
      if (perMinute.remaining(apiKey, now) === 0) {
        // As documented: no Retry-After and no rate-limit headers.
        return omniError(429, `Too Many Requests - Rate limit exceeded (${perMinute.limit} requests/minute).`);
      }
      perMinute.consume(apiKey, now);
      return undefined;
    },
    errorReply: omniError,
    withUnknownStatus: (json) => ({ ...(json as object), status: 'queued' }),
    jobs: jobAccess((jobId) => jobs.get(jobId), (job) => jobs.file(job), context.options.now),
  };
}
