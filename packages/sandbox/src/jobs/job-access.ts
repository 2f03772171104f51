import type { MadeFile } from '../files/omni-file.js';
import type { VendorApi } from '../vendors/vendor-api.js';
import { failNow, jobPhase, type TimedJob } from './job-timeline.js';

/** The job operations the shared pipeline needs, over any vendor's job store. */
export function jobAccess<Job extends TimedJob>(
  get: (jobId: string) => Job | undefined,
  file: (job: Job) => Promise<MadeFile>,
  now: () => number,
): VendorApi['jobs'] {
  return {
    ownerKey: (jobId) => get(jobId)?.apiKey,
    file(jobId) {
      const job = get(jobId);
      return job && jobPhase(job, now()) === 'succeeded' ? file(job) : undefined;
    },
    fail(jobId, at) {
      const job = get(jobId);
      if (job) failNow(job, at);
    },
  };
}
