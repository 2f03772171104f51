// VideoDB retries a failed download in place: POST /download/{id} queues a
// new processing request with the same parameters. `retryFailed` (of
// exportVideoDBDownload) and `retryVideoDBExport` use it; here over real HTTP
// against the sandbox, whose `job-fails` fault makes a download fail.
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobFailedError, RateLimitGovernor, runExport } from '../src/index.js';
import { exportVideoDBDownload, retryVideoDBExport, startVideoDBExport } from '../src/videodb.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 30, fileSizes: { videodb: 100_000 } });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-videodb-retry-'));
  return () => rm(dir, { recursive: true, force: true });
});

const fast = () => ({ minDelayMs: 2, maxDelayMs: 10, timeoutMs: 10_000, governor: new RateLimitGovernor() });

/** A client with a key of its own whose first `failures` processing requests fail. */
function failingClient(failures: number) {
  const apiKey = sandbox.createApiKey('videodb');
  sandbox.addFault({ fault: 'job-fails', vendor: 'videodb', stage: 'start', apiKey, times: failures });
  return { apiKey, client: createVideoDBClient({ apiKey, baseUrl: sandbox.baseUrls.videodb }) };
}

/** This key's processing requests: the create and each retry, as `POST <path>`. */
const processingRequests = (apiKey: string) =>
  sandbox.requests
    .filter((r) => r.vendor === 'videodb' && r.stage === 'start' && r.headers['x-access-token'] === apiKey)
    .map((r) => `${r.method} ${r.url.split('?')[0]}`);

describe('VideoDB retry of a failed download', () => {
  it('retryFailed: the failed download is retried by its id, and the new processing request brings the file', async () => {
    const { apiKey, client } = failingClient(1);
    const info: string[] = [];
    const result = await exportVideoDBDownload(
      client,
      { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' },
      { ...fast(), to: dir, retryFailed: true, logger: { info: (message) => info.push(message) } },
    );
    const [create, retry, ...more] = processingRequests(apiKey);
    expect(create).toBe('POST /videodb/download');
    const failedId = retry?.split('/').pop() ?? '';
    expect(failedId).toMatch(/^dl-/);
    expect(retry).toBe(`POST /videodb/download/${failedId}`);
    expect(more).toEqual([]);
    // The failed download was seen failed before the retry, and the file is the retried request's.
    expect(sandbox.requestCount('videodb', { stage: 'poll', path: `/download/${failedId}` })).toBeGreaterThan(0);
    expect(result.job.state).toBe('succeeded');
    expect(result.sha256).toBe((await sandbox.artifact('videodb', result.job.id)).sha256);
    // The same parameters: the retried download keeps the requested name.
    expect(result.file).toBe(join(dir, 'clip.mp4'));
    expect(await readdir(dir)).toEqual(['clip.mp4']);
    expect(info).toHaveLength(1);
    expect(info[0]).toContain('retry');
  });

  it('without retryFailed, a failed download ends in JobFailedError, with no retry and no file', async () => {
    const { apiKey, client } = failingClient(1);
    const error = await exportVideoDBDownload(client, { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' }, { ...fast(), to: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).job?.state).toBe('failed');
    expect(processingRequests(apiKey)).toEqual(['POST /videodb/download']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('retryFailed retries once: a retry that fails too ends in JobFailedError, with no file', async () => {
    const { apiKey, client } = failingClient(2);
    const error = await exportVideoDBDownload(
      client,
      { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' },
      { ...fast(), to: dir, retryFailed: true },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(processingRequests(apiKey)).toHaveLength(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('retryVideoDBExport: asks VideoDB to run a failed job again, and the returned job waits and downloads', async () => {
    const { apiKey, client } = failingClient(1);
    const failed = await startVideoDBExport(client, { streamLink: sandbox.fixtures.videodbStreamLink, name: 'talk.mp4' }, fast());
    const error = await failed.wait(fast()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);

    const retried = await retryVideoDBExport(client, failed, fast());
    expect(processingRequests(apiKey)).toEqual(['POST /videodb/download', `POST /videodb/download/${failed.id}`]);
    expect(retried.vendor).toBe('videodb');
    expect((await retried.wait(fast())).state).toBe('succeeded');
    const result = await runExport({ job: retried }, { ...fast(), to: dir });
    expect(result.sha256).toBe((await sandbox.artifact('videodb', retried.id)).sha256);
    expect(result.file).toBe(join(dir, 'talk.mp4'));
  });
});
