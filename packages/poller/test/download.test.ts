import { createClosientClient } from '@exportkit/closient';
import { startSandbox, type RecordedRequest, type Sandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, DownloadError, RateLimitGovernor, runExport, type ExportJob, type RunExportOptions } from '../src/index.js';
import { exportClosientOrg, startClosientExport } from '../src/closient.js';
import { startVideoDBExport } from '../src/videodb.js';

const downloadJob = (job: ExportJob, options: RunExportOptions) => runExport({ job }, options);

let sandbox: Sandbox;
let dir: string;
/** Where this test's requests start in the sandbox's log. */
let mark = 0;
const storageSeen = (): RecordedRequest[] => sandbox.requests.slice(mark).filter((r) => r.origin === 'storage');
const fast = () => ({ minDelayMs: 2, maxDelayMs: 10, timeoutMs: 10_000, governor: new RateLimitGovernor() });
const closient = (apiKey = sandbox.apiKeys.closient) => createClosientClient({ apiKey, baseUrl: sandbox.baseUrls.closient });
const org = () => ({ organizationId: sandbox.fixtures.closientOrganizationId });

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 20, fileSizes: { closient: 300_000, videodb: 300_000 } });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-download-'));
  mark = sandbox.requests.length;
  return () => rm(dir, { recursive: true, force: true });
});

/** A finished Closient job, with its file as the sandbox serves it. */
async function finishedJob() {
  const job = await startClosientExport(closient(), org(), fast());
  const state = await job.wait(fast());
  const etag = (await fetch(state.downloadUrl ?? '', { method: 'HEAD' })).headers.get('etag');
  mark = sandbox.requests.length;
  return { job, etag, artifact: await sandbox.artifact('closient', job.id) };
}

describe('download', () => {
  it('resumes an interrupted transfer with Range + If-Range and appends only on the matching 206', async () => {
    const { job, etag, artifact } = await finishedJob();
    // The first response sends 100,000 bytes, then goes quiet until the sandbox closes it.
    sandbox.addFault({ fault: 'stalled-body', jobId: job.id, stage: 'download', bodyBytes: 100_000, stallMs: 200 });
    const result = await downloadJob(job, { ...fast(), to: dir });
    const storage = storageSeen();
    expect(storage.length).toBe(2);
    expect(storage[1]?.headers.range).toBe('bytes=100000-');
    expect(storage[1]?.headers['if-range']).toBe(etag);
    expect(storage[1]?.status).toBe(206);
    expect(result.bytes).toBe(artifact.size);
    // The kept 100,000 bytes and the 206's rest make the file byte for byte.
    expect(result.sha256).toBe(artifact.sha256);
  });

  it('starts over when If-Range does not match (the server sends 200)', async () => {
    const { job, etag, artifact } = await finishedJob();
    // The first response is another version of the object: 50,000 of its bytes, then quiet until the sandbox closes it.
    sandbox.addFault({ fault: 'replaced-mid-transfer', jobId: job.id, stage: 'download', bodyBytes: 50_000, stallMs: 200 });
    const result = await downloadJob(job, { ...fast(), to: dir });
    const storage = storageSeen();
    expect(storage.length).toBe(2);
    expect(storage[1]?.headers.range).toBe('bytes=50000-');
    expect(storage[1]?.headers['if-range']).toMatch(/^"[^"]+"$/);
    expect(storage[1]?.headers['if-range']).not.toBe(etag);
    expect(storage[1]?.status).toBe(200);
    expect(result.sha256).toBe(artifact.sha256);
  });

  it('refreshes an expired signed URL by polling the job again', async () => {
    const { job, artifact } = await finishedJob();
    // The job's last answer hands out a URL that has already expired.
    sandbox.addFault({ fault: 'expired-signed-url', jobId: job.id, stage: 'poll' });
    const before = sandbox.faultCount('expired-signed-url');
    const expiredAt = Date.parse((await job.poll()).expiresAt ?? '');
    expect(expiredAt).toBeLessThan(Date.now());
    expect(sandbox.faultCount('expired-signed-url') - before).toBe(1);
    mark = sandbox.requests.length;
    const result = await downloadJob(job, { ...fast(), to: dir });
    expect(result.sha256).toBe(artifact.sha256);
    const polls = sandbox.requests.slice(mark).filter((r) => r.vendor === 'closient' && r.stage === 'poll' && r.origin === 'api');
    expect(polls.length).toBeGreaterThan(0);
    // The expired URL is never sent: the refresh happens before, from its expiry.
    expect(storageSeen().map((r) => r.status)).toEqual([200]);
  });

  it('refuses a body larger than announced and leaves nothing behind', async () => {
    const apiKey = sandbox.createApiKey('closient');
    sandbox.addFault({ fault: 'overlong-body', stage: 'download', apiKey, times: Infinity });
    const error = await exportClosientOrg(closient(apiKey), org(), { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.reason).toBe('size_mismatch');
    expect(storageSeen().length).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not overwrite an existing file unless asked', async () => {
    const { job, artifact } = await finishedJob();
    const path = join(dir, artifact.filename);
    await writeFile(path, 'mine');
    const error = await downloadJob(job, { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.reason).toBe('exists');
    expect(await readFile(path, 'utf8')).toBe('mine');
    const result = await downloadJob(job, { ...fast(), to: dir, overwrite: true });
    expect(result.file).toBe(path);
    expect(result.bytes).toBe(artifact.size);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['/abs/olute.zip', 'olute.zip'],
    ['..', 'videodb-'],
    ['CON.txt', '_CON.txt'],
    ['a\u0000b\nc.mp4', 'a_b_c.mp4'],
    ['x'.repeat(10_000) + '.mp4', 'x'],
  ])('sanitises the vendor name %j and stays inside the folder', async (name, expected) => {
    // VideoDB names the file as the request did, in its status and in Content-Disposition.
    const client = createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb });
    const job = await startVideoDBExport(client, { streamLink: sandbox.fixtures.videodbStreamLink, name }, fast());
    const result = await downloadJob(job, { ...fast(), to: dir });
    const [written] = await readdir(dir);
    expect(written?.startsWith(expected)).toBe(true);
    expect(result.file).toBe(join(dir, written as string));
    expect(Buffer.byteLength(written as string)).toBeLessThanOrEqual(200);
    expect(result.sha256).toBe((await sandbox.artifact('videodb', job.id)).sha256);
  });

  it('a storage host that never answers is cut after stallTimeoutMs and asked again', async () => {
    const { job, artifact } = await finishedJob();
    // The first request gets no status line at all; the sandbox would hold it for 20 s.
    sandbox.addFault({ fault: 'silent-answer', jobId: job.id, stage: 'download', stallMs: 20_000 });
    const started = Date.now();
    const result = await downloadJob(job, { ...fast(), to: dir, stallTimeoutMs: 200 });
    expect(storageSeen().length).toBe(2);
    expect(result.sha256).toBe(artifact.sha256);
    // Well before the sandbox would have let go.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an abort while waiting for the answer stops at once', async () => {
    const { job } = await finishedJob();
    sandbox.addFault({ fault: 'silent-answer', jobId: job.id, stage: 'download', stallMs: 20_000 });
    const controller = new AbortController();
    const running = downloadJob(job, { ...fast(), to: dir, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await running.catch((e) => e)).toBeInstanceOf(AbortedError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an abort mid-transfer leaves no file at the destination, and keepPartial keeps only the hidden partial', async () => {
    const { job, artifact } = await finishedJob();
    // 1,000 bytes, then nothing: the abort must end it.
    sandbox.addFault({ fault: 'stalled-body', jobId: job.id, stage: 'download', bodyBytes: 1000 });
    const controller = new AbortController();
    const progress = downloadJob(job, {
      ...fast(),
      to: dir,
      keepPartial: true,
      signal: controller.signal,
      onProgress: (e) => e.type === 'bytes' && controller.abort(),
    });
    const error = await progress.catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    const left = await readdir(dir);
    expect(left.filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(left.some((f) => f.endsWith('.exportkit-partial'))).toBe(true);
    // The next call resumes from the kept bytes.
    mark = sandbox.requests.length;
    const result = await downloadJob(job, { ...fast(), to: dir });
    expect(storageSeen()[0]?.headers.range).toBe('bytes=1000-');
    expect(result.sha256).toBe(artifact.sha256);
  });

  it('reads a signed URL over node:http by default, and through the caller\'s fetch when one is given', async () => {
    // Over node:http: the request carries no fetch fingerprints (fetch sends `sec-fetch-mode` and its user-agent).
    const plain = await startClosientExport(closient(), org(), fast());
    await plain.wait(fast());
    mark = sandbox.requests.length;
    const first = await downloadJob(plain, { ...fast(), to: dir });
    expect(first.sha256).toBe((await sandbox.artifact('closient', plain.id)).sha256);
    const byNode = storageSeen();
    expect(byNode).toHaveLength(1);
    expect(byNode[0]?.headers['sec-fetch-mode']).toBeUndefined();

    // A caller's fetch (here the global one, counted) is used for the signed URL instead.
    const urls: string[] = [];
    const counted: typeof fetch = (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const job = await startClosientExport(closient(), org(), { ...fast(), fetch: counted });
    await job.wait(fast());
    mark = sandbox.requests.length;
    const second = await downloadJob(job, { ...fast(), to: dir, filename: 'again.bin' });
    expect(second.sha256).toBe((await sandbox.artifact('closient', job.id)).sha256);
    const byFetch = storageSeen();
    expect(byFetch).toHaveLength(1);
    // The one storage request the sandbox saw is the one the caller's fetch sent.
    const sentToStorage = urls.filter((url) => {
      const sent = new URL(url);
      return sent.pathname + sent.search === byFetch[0]?.url;
    });
    expect(sentToStorage).toHaveLength(1);
    expect(byFetch[0]?.headers['sec-fetch-mode']).toBe('cors');
  });

  it('openFile still hands other sinks a web Response of the file', async () => {
    const job = await startClosientExport(closient(), org(), fast());
    await job.wait(fast());
    const artifact = await sandbox.artifact('closient', job.id);
    const response = await job.openFile({ headers: {} });
    if (response === 'not_ready') throw new Error('the finished job was not ready');
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeTruthy();
    expect((await response.arrayBuffer()).byteLength).toBe(artifact.size);
  });
});
