import { createClosientClient } from '@exportkit/closient';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, DownloadError, RateLimitGovernor, runExport, type ExportJob, type RunExportOptions } from '../src/index.js';
import { exportClosientOrg, startClosientExport } from '../src/closient.js';
import { startVideoDBExport } from '../src/videodb.js';

const downloadJob = (job: ExportJob, options: RunExportOptions) => runExport({ job }, options);
import { startVendorServer } from './helpers/vendor-server.js';

let server: Awaited<ReturnType<typeof startVendorServer>>;
let dir: string;
const SIZE = 300_000;
const ORG = 'ABCDEFGHJKLMNPQRSTUVWX';
const fast = () => ({ minDelayMs: 2, maxDelayMs: 10, timeoutMs: 10_000, governor: new RateLimitGovernor() });
const closient = () => createClosientClient({ apiKey: 'csb_closientkey_0123', baseUrl: server.closientBase });

beforeAll(async () => {
  server = await startVendorServer({ clock: () => Date.now(), jobMs: 20, fileSize: SIZE });
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-download-'));
  server.seen.length = 0;
  server.faults.length = 0;
  server.setSignedUrlTtl(3_600_000);
  return () => rm(dir, { recursive: true, force: true });
});

/** Sends the headers and the first `bytes` of the body, then resets the connection (once). */
function cutStorageOnce(bytes: number) {
  let fired = false;
  server.faults.push((req, res, url) => {
    if (fired || !url.pathname.startsWith('/storage')) return false;
    fired = true;
    res.writeHead(200, { 'Content-Length': String(SIZE), ETag: `"${url.pathname.split('/')[2]}-v1"` });
    res.write(Buffer.alloc(bytes, 1), () => res.socket?.destroy());
    return true;
  });
}

describe('download', () => {
  it('resumes an interrupted transfer with Range + If-Range and appends only on the matching 206', async () => {
    const job = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await job.wait(fast());
    // The first response is cut after 100 kB of WRONG bytes with the real ETag: a resume keeps them,
    // so to prove the append we check the Range request rather than the content here.
    cutStorageOnce(100_000);
    const result = await downloadJob(job, { ...fast(), to: dir }).catch((e) => e);
    const storage = server.seen.filter((r) => r.path.startsWith('/storage'));
    expect(storage.length).toBe(2);
    expect(storage[1]?.headers.range).toMatch(/^bytes=\d+-$/);
    expect(storage[1]?.headers['if-range']).toBe(`"${job.id}-v1"`);
    expect(result.bytes).toBe(SIZE);
  });

  it('starts over when If-Range does not match (the server sends 200)', async () => {
    const job = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await job.wait(fast());
    let fired = false;
    server.faults.push((req, res, url) => {
      if (fired || !url.pathname.startsWith('/storage')) return false;
      fired = true;
      res.writeHead(200, { 'Content-Length': String(SIZE), ETag: '"another-version"' });
      res.write(Buffer.alloc(50_000, 1), () => res.socket?.destroy());
      return true;
    });
    const result = await downloadJob(job, { ...fast(), to: dir });
    expect(result.sha256).toBe(server.sha256(job.id));
  });

  it('refreshes an expired signed URL by polling the job again', async () => {
    server.setSignedUrlTtl(-1000);
    const job = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await job.wait(fast());
    server.setSignedUrlTtl(3_600_000);
    const polls = server.seen.filter((r) => r.method === 'GET' && r.path.startsWith('/closient')).length;
    const result = await downloadJob(job, { ...fast(), to: dir });
    expect(result.sha256).toBe(server.sha256(job.id));
    expect(server.seen.filter((r) => r.method === 'GET' && r.path.startsWith('/closient')).length).toBeGreaterThan(polls);
  });

  it('refuses a body larger than announced and leaves nothing behind', async () => {
    server.faults.push((req, res, url) => {
      if (!url.pathname.startsWith('/storage')) return false;
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      res.end(Buffer.alloc(SIZE + 10, 2));
      return true;
    });
    const error = await exportClosientOrg(closient(), { organizationId: ORG }, { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.reason).toBe('size_mismatch');
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not overwrite an existing file unless asked', async () => {
    await writeFile(join(dir, 'closient-export-acme.zip'), 'mine');
    const error = await exportClosientOrg(closient(), { organizationId: ORG }, { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.reason).toBe('exists');
    expect(await readFile(join(dir, 'closient-export-acme.zip'), 'utf8')).toBe('mine');
    const result = await exportClosientOrg(closient(), { organizationId: ORG }, { ...fast(), to: dir, overwrite: true });
    expect(result.bytes).toBe(SIZE);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['/abs/olute.zip', 'olute.zip'],
    ['..', 'videodb-'],
    ['CON.txt', '_CON.txt'],
    ['a\u0000b\nc.mp4', 'a_b_c.mp4'],
    ['x'.repeat(10_000) + '.mp4', 'x'],
  ])('sanitises the vendor name %j and stays inside the folder', async (name, expected) => {
    const client = createVideoDBClient({ apiKey: 'sk-videodb-0123456789', baseUrl: server.videodbBase });
    const job = await startVideoDBExport(client, { streamLink: 'https://example.com/s.m3u8' }, fast());
    const stored = server.jobs.get(job.id);
    if (stored) stored.filename = name;
    const result = await downloadJob(job, { ...fast(), to: dir });
    const [written] = await readdir(dir);
    expect(written?.startsWith(expected)).toBe(true);
    expect(result.file).toBe(join(dir, written as string));
    expect(Buffer.byteLength(written as string)).toBeLessThanOrEqual(200);
  });

  it('an abort mid-transfer leaves no file at the destination, and keepPartial keeps only the hidden partial', async () => {
    const job = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await job.wait(fast());
    server.faults.push((req, res, url) => {
      if (!url.pathname.startsWith('/storage')) return false;
      res.writeHead(200, { 'Content-Length': String(SIZE), ETag: `"${job.id}-v1"` });
      res.write(Buffer.alloc(1000, 1)); // then nothing: the abort must end it
      return true;
    });
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
    server.faults.length = 0;
    server.seen.length = 0;
    await downloadJob(job, { ...fast(), to: dir }).catch(() => undefined);
    expect(server.seen.find((r) => r.path.startsWith('/storage'))?.headers.range).toBe('bytes=1000-');
  });

  it('reads a signed URL over node:http by default, and through the caller\'s fetch when one is given', async () => {
    // Over node:http: the request carries no fetch fingerprints (fetch sends `sec-fetch-mode` and its user-agent).
    const plain = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await plain.wait(fast());
    const first = await downloadJob(plain, { ...fast(), to: dir });
    expect(first.bytes).toBe(SIZE);
    const byNode = server.seen.filter((r) => r.path.startsWith('/storage'));
    expect(byNode).toHaveLength(1);
    expect(byNode[0]?.headers['sec-fetch-mode']).toBeUndefined();

    // A caller's fetch (here the global one, counted) is used for the signed URL instead.
    server.seen.length = 0;
    const urls: string[] = [];
    const counted: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const job = await startClosientExport(closient(), { organizationId: ORG }, { ...fast(), fetch: counted });
    await job.wait(fast());
    const second = await downloadJob(job, { ...fast(), to: dir, filename: 'again.bin' });
    expect(second.bytes).toBe(SIZE);
    expect(urls.filter((url) => new URL(url).pathname.startsWith('/storage'))).toHaveLength(1);
    const byFetch = server.seen.filter((r) => r.path.startsWith('/storage'));
    expect(byFetch[0]?.headers['sec-fetch-mode']).toBe('cors');
  });

  it('openFile still hands other sinks a web Response of the file', async () => {
    const job = await startClosientExport(closient(), { organizationId: ORG }, fast());
    await job.wait(fast());
    const response = await job.openFile({ headers: {} });
    if (response === 'not_ready') throw new Error('the finished job was not ready');
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(new URL(response.url).pathname.startsWith('/storage')).toBe(true);
    expect(response.headers.get('etag')).toBe(`"${job.id}-v1"`);
    expect((await response.arrayBuffer()).byteLength).toBe(SIZE);
  });
});
