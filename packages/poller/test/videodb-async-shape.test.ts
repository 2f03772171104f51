// VideoDB's status endpoint may answer a finished download in its
// AsyncResponse shape, which has no file URL, only `output_url`: the poller
// must follow it through /async-response/{id} to the download record.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { expect, it } from 'vitest';
import { exportVideoDBDownload } from '../src/videodb.js';

it('follows output_url to the file when the status comes in the AsyncResponse shape', async () => {
  const sandbox = await startSandbox({ jobDurationMs: 30, videodbStatusShape: 'async', fileSizes: { videodb: 50_000 } });
  const dir = await mkdtemp(join(tmpdir(), 'poller-videodb-async-'));
  try {
    const client = createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb });
    const result = await exportVideoDBDownload(
      client,
      { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' },
      { to: dir, minDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 },
    );
    expect(result.sha256).toBe((await sandbox.artifact('videodb', result.job.id)).sha256);
    expect(sandbox.requestCount('videodb', { path: '/async-response/' })).toBeGreaterThan(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await sandbox.close();
  }
});
