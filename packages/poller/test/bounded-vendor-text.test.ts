import { describe, expect, it } from 'vitest';
import { ExportJob, JobFailedError, RateLimitGovernor, type JobState } from '../src/index.js';
import { sanitizeFilename } from '../src/download/sanitize-filename.js';
import { createJobContext } from '../src/export/job-context.js';

// A vendor's strings are unbounded: a hostile or broken one sends 50 MB where a
// name or a reason belongs. What exportkit derives from them stays small.
const HUGE = 'x'.repeat(50 * 1024 * 1024);

describe('vendor text of any size', () => {
  it('a 50 MB failure reason becomes a short JobFailedError message; the full text stays in job.raw', async () => {
    const failed: JobState = { vendor: 'closient', id: 'job-1', state: 'failed', error: HUGE, raw: { error: HUGE } };
    const context = createJobContext({ name: 'closient', quotas: [] }, {}, { governor: new RateLimitGovernor() });
    const job = new ExportJob({ vendor: 'closient', id: 'job-1', poll: async () => failed, openFile: async () => 'not_ready', token: () => ({ version: 1, vendor: 'videodb', jobId: 'job-1' }) }, context);
    const error = await job.wait({ timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message.length).toBeLessThan(1_000);
    expect((error as Error).message).toContain(`(${HUGE.length} characters)`);
    expect(((error as JobFailedError).job as JobState).error).toBe(HUGE);
  });

  it('a 50 MB file name is cut to the byte limit, keeping its extension', () => {
    const name = sanitizeFilename(`${HUGE}.zip`);
    expect(name?.endsWith('.zip')).toBe(true);
    expect(Buffer.byteLength(name ?? '')).toBeLessThanOrEqual(200);
  });
});
