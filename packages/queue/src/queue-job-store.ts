import type { JobStore, ResumeToken } from '@exportkit/poller';
import type { Job } from 'bullmq';
import type { ExportJobData } from './queued-export.js';

/**
 * The export's journal, kept in its own queue job's data: the spine stores
 * the resume token there (`job.updateData`) as soon as the vendor job's id is
 * known, so whichever worker takes the job next — after a crash, a stall —
 * continues that vendor job instead of starting another. Tokens only, never a key.
 */
export function queueJobStore(job: Job<ExportJobData>): JobStore {
  const matches = (key: string) => job.data.export.key === key;
  return {
    async get(key) {
      return matches(key) ? job.data.token : undefined;
    },
    async set(key, token: ResumeToken) {
      if (matches(key)) await job.updateData({ export: job.data.export, token });
    },
    async delete(key) {
      if (matches(key) && job.data.token !== undefined) await job.updateData({ export: job.data.export });
    },
  };
}
