// Crash-only exports: the spine records the job in a JobStore as soon as its
// id is known, a later run with the same key continues that job, and a kept
// partial file claims only the bytes an fsync made durable. Against the
// sandbox over real HTTP.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, createFileJobStore, RateLimitGovernor, runExport, type ExportJob, type RunExportOptions } from '../src/index.js';
import { JOURNAL_FOLDER } from '../src/export/job-store.js';
import { PartialFile } from '../src/download/partial-file.js';
import { startVideoDBExport, videoDBAdapter } from '../src/videodb.js';

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 60, fileSizes: { videodb: 300_000 } });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-journal-'));
  return () => rm(dir, { recursive: true, force: true });
});

const KEY = 'videodb ["link","stream"]';
const options = (extra: Partial<RunExportOptions> = {}): RunExportOptions => ({
  to: dir,
  minDelayMs: 5,
  maxDelayMs: 50,
  timeoutMs: 15_000,
  governor: new RateLimitGovernor(),
  journal: { store: createFileJobStore(dir), key: KEY },
  ...extra,
});
const client = () => createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb });
const source = () => ({
  start: (signal: AbortSignal) => startVideoDBExport(client(), { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' }, { signal }),
  resume: (token: Parameters<ReturnType<typeof videoDBAdapter>['resume']>[0]) => videoDBAdapter(client()).resume(token),
});
const starts = () => sandbox.requestCount('videodb', { stage: 'start' });

describe('the journal', () => {
  it('records the job before any wait, continues it on the next run, and is gone once the file lands', async () => {
    const before = starts();
    const stop = new AbortController();
    let recorded: string | undefined;
    // First run: stopped as soon as the job is known (a crash would stop it anywhere later).
    const first = await runExport(source(), {
      ...options({ signal: stop.signal }),
      onJob: async (job) => {
        recorded = job.id;
        expect(await createFileJobStore(dir).get(KEY)).toEqual(job.toJSON());
        stop.abort();
      },
    }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(AbortedError);
    expect(starts()).toBe(before + 1);

    let resumed: { id: string; how: boolean } | undefined;
    const result = await runExport(source(), { ...options(), onJob: (job, how) => void (resumed = { id: job.id, how: how.resumed }) });
    expect(resumed).toEqual({ id: recorded, how: true });
    expect(starts()).toBe(before + 1);
    expect(result.sha256).toBe((await sandbox.artifact('videodb', result.job.id)).sha256);
    expect(await readdir(dir)).toEqual(['clip.mp4']);
  });

  it('fresh starts another job; a corrupt or foreign entry is ignored; no entry holds the API key', async () => {
    const store = createFileJobStore(dir);
    const job: ExportJob = await startVideoDBExport(client(), { streamLink: sandbox.fixtures.videodbStreamLink }, {});
    await store.set(KEY, job.toJSON());
    const entries = await readdir(join(dir, JOURNAL_FOLDER));
    expect(entries).toHaveLength(1);
    const text = await readFile(join(dir, JOURNAL_FOLDER, entries[0] as string), 'utf8');
    expect(text).not.toContain(sandbox.apiKeys.videodb);

    const before = starts();
    let how: boolean | undefined;
    await runExport(source(), { ...options({ journal: { store, key: KEY, fresh: true } }), onJob: (_job, h) => void (how = h.resumed) });
    expect(how).toBe(false);
    expect(starts()).toBe(before + 1);
    // The file landed: the journal folder went with its last entry.
    expect(await readdir(dir)).not.toContain(JOURNAL_FOLDER);

    await mkdirAndWrite(join(dir, JOURNAL_FOLDER, entries[0] as string), '{"key": "videodb [\\"link\\"');
    expect(await store.get(KEY)).toBeUndefined();
    await store.set('another export', job.toJSON());
    expect(await store.get(KEY)).toBeUndefined();
  });
});

describe('a kept partial file claims only durable bytes', () => {
  it('writes its validator at once, and after a crash resumes from the last synced byte count, hash included', async () => {
    const job = { vendor: 'videodb', id: 'crash-job' };
    const partial = await PartialFile.open(dir, job);
    await partial.reset('"v1"');
    // Written before any byte: a crash now still knows what to ask If-Range for.
    const metaPath = `${partial.path}.json`;
    expect(JSON.parse(await readFile(metaPath, 'utf8'))).toEqual({ validator: '"v1"', durableBytes: 0 });
    const chunk = Buffer.alloc(1 << 20, 7);
    for (let i = 0; i < 20; i++) await partial.write(chunk);
    // The background sync after 16 MiB claims what it made durable.
    await waitFor(async () => JSON.parse(await readFile(metaPath, 'utf8')).durableBytes >= 16 << 20);
    const claimed = JSON.parse(await readFile(metaPath, 'utf8')).durableBytes as number;
    // "Crash": nothing closes the file; a new process opens it again.
    const again = await PartialFile.open(dir, job);
    expect(again.bytes).toBe(claimed);
    expect((await stat(again.path)).size).toBe(claimed);
    expect(again.validator).toBe('"v1"');
    // The hash continues from exactly the kept prefix.
    await again.write(Buffer.alloc(1, 9));
    const sha = await again.commit(join(dir, 'out.bin'), false);
    const expected = createHash('sha256').update(Buffer.alloc(claimed, 7)).update(Buffer.alloc(1, 9)).digest('hex');
    expect(sha).toBe(expected);
  });
});

describe('mayWrite: a process that no longer owns the partial file', () => {
  it('stops at its next write, drops what it had not written and records nothing; the kept file stays as it was', async () => {
    const job = { vendor: 'videodb', id: 'owned-job' };
    let owned = true;
    const partial = await PartialFile.open(dir, job, () => owned);
    await partial.reset('"v1"');
    const chunk = Buffer.alloc(1 << 20, 7);
    for (let i = 0; i < 3; i++) await partial.write(chunk);
    // Writes run behind the transfer: wait until the three batches queued while owned have landed.
    await waitFor(async () => (await stat(partial.path)).size === 3 << 20);
    const size = (await stat(partial.path)).size;
    const meta = await readFile(`${partial.path}.json`, 'utf8');
    // Half a batch gathered, then ownership is lost (another worker took the job).
    await partial.write(Buffer.alloc(1 << 19, 8));
    owned = false;
    await expect(partial.write(chunk)).rejects.toMatchObject({ code: 'download_error', reason: 'write_refused' });
    // keep() — what an aborted download does — writes nothing either: no flush, no claim.
    await partial.keep();
    expect((await stat(partial.path)).size).toBe(size);
    expect(await readFile(`${partial.path}.json`, 'utf8')).toBe(meta);
    await expect(PartialFile.open(dir, job, () => false)).rejects.toMatchObject({ reason: 'write_refused' });
  });

  it('runExport ends with write_refused and leaves the partial file for its next owner', async () => {
    let writes = 0;
    const error = await runExport(source(), {
      ...options({ keepPartial: true, journal: undefined }),
      // Owned for the open and the first write only.
      mayWrite: () => writes++ < 2,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'download_error', reason: 'write_refused' });
    const names = await readdir(dir);
    expect(names.filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(names.some((name) => name.endsWith('.exportkit-partial'))).toBe(true);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mkdirAndWrite(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
