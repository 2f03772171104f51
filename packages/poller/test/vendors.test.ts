import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobFailedError, RateLimitGovernor, resumeExport, type JobState } from '../src/index.js';
import { exportClosientOrg } from '../src/closient.js';
import { exportOmniDashboard, omniAdapter, startOmniExport } from '../src/omni.js';
import { exportVideoDBDownload, startVideoDBExport, videoDBAdapter } from '../src/videodb.js';
import { startVendorServer } from './helpers/vendor-server.js';

const KEYS = { omni: 'omni-key-0123456789', videodb: 'sk-videodb-0123456789', closient: 'csb_closientkey_0123' };
let server: Awaited<ReturnType<typeof startVendorServer>>;
let dir: string;
const fast = () => ({ minDelayMs: 2, maxDelayMs: 10, timeoutMs: 10_000, governor: new RateLimitGovernor({ limits: { omni: [] } }) });

beforeAll(async () => {
  server = await startVendorServer({ clock: () => Date.now(), jobMs: 40, fileSize: 200_000 });
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-vendors-'));
  server.seen.length = 0;
  server.faults.length = 0;
  return () => rm(dir, { recursive: true, force: true });
});

const omni = () => createOmniClient({ apiKey: KEYS.omni, baseUrl: server.omniBase });
const videodb = () => createVideoDBClient({ apiKey: KEYS.videodb, baseUrl: server.videodbBase });
const closient = () => createClosientClient({ apiKey: KEYS.closient, baseUrl: server.closientBase });
const ORG = 'ABCDEFGHJKLMNPQRSTUVWX';

describe('Omni', () => {
  it('starts, waits, downloads through the download endpoint with userId, and names the file from Content-Disposition', async () => {
    const states: string[] = [];
    const result = await exportOmniDashboard(omni(), { dashboardId: 'dash-1', userId: 'user-7', body: { format: 'pdf' } }, {
      ...fast(),
      to: dir,
      onProgress: (e) => e.type === 'state' && states.push(e.job.state),
    });
    expect(result.file).toBe(join(dir, 'Quarterly Report.pdf'));
    expect(result.bytes).toBe(200_000);
    expect(result.sha256).toBe(server.sha256(result.job.id));
    expect(states.at(-1)).toBe('succeeded');
    expect(new Set(states).size).toBe(states.length); // only changes
    const calls = server.seen.filter((r) => r.path.startsWith('/omni'));
    expect(calls.every((r) => r.query.get('userId') === 'user-7')).toBe(true);
    expect(await readdir(dir)).toEqual(['Quarterly Report.pdf']);
  });

  it('attaches to existing_job_id on a 409 instead of failing', async () => {
    const first = await startOmniExport(omni(), { dashboardId: 'dash-2', body: { format: 'png' } }, fast());
    server.conflictWith(first.id);
    try {
      const second = await startOmniExport(omni(), { dashboardId: 'dash-2', body: { format: 'png' } }, fast());
      expect(second.id).toBe(first.id);
    } finally {
      server.conflictWith(undefined);
    }
  });

  it('a job that fails throws JobFailedError with the last state, and leaves no file', async () => {
    server.config.failNext = true;
    const error = await exportOmniDashboard(omni(), { dashboardId: 'dash-3', body: { format: 'pdf' } }, { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error.job as JobState).state).toBe('failed');
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats an undocumented status as running, logs it, and keeps backing off', async () => {
    server.config.unknownStatusPolls = 3;
    const warnings: string[] = [];
    const job = await startOmniExport(omni(), { dashboardId: 'dash-4', body: { format: 'pdf' } }, { ...fast(), logger: { warn: (m) => warnings.push(m) } });
    const state = await job.wait(fast());
    expect(state.state).toBe('succeeded');
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('serialises a job without the key, and a resumed job polls the same id without starting another', async () => {
    const job = await startOmniExport(omni(), { dashboardId: 'dash-5', userId: 'u1', body: { format: 'pdf' } }, fast());
    const token = JSON.parse(JSON.stringify(job));
    expect(token).toEqual({ version: 1, vendor: 'omni', jobId: job.id, dashboardId: 'dash-5', userId: 'u1' });
    expect(JSON.stringify(token)).not.toContain(KEYS.omni);
    const starts = server.seen.filter((r) => r.method === 'POST').length;
    const resumed = resumeExport(token, [videoDBAdapter(videodb()), omniAdapter(omni())], fast());
    expect((await resumed.wait(fast())).id).toBe(job.id);
    expect(server.seen.filter((r) => r.method === 'POST').length).toBe(starts);
  });
});

describe('VideoDB', () => {
  it('creates a download, normalises both status shapes, and fetches the signed URL without credentials', async () => {
    const result = await exportVideoDBDownload(videodb(), { streamLink: 'https://example.com/stream.m3u8', name: 'clip.mp4' }, { ...fast(), to: dir });
    expect(result.file).toBe(join(dir, 'clip.mp4'));
    expect(result.sha256).toBe(server.sha256(result.job.id));
    const storage = server.seen.filter((r) => r.path.startsWith('/storage'));
    expect(storage.length).toBeGreaterThan(0);
    for (const request of storage) {
      expect(request.headers['x-access-token']).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(KEYS.videodb);
    }
  });

  it('normalises `error` to failed', async () => {
    server.config.failNext = true;
    const job = await startVideoDBExport(videodb(), { streamLink: 'https://example.com/s.m3u8' }, fast());
    const error = await job.wait(fast()).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
  });
});

describe('Closient', () => {
  it('requests an export, follows RateLimit headers, surfaces sections and never sends the key to storage', async () => {
    const result = await exportClosientOrg(closient(), { organizationId: ORG, archiveFormat: 'tar.gz' }, { ...fast(), to: dir });
    expect(result.file).toBe(join(dir, 'closient-export-acme.zip'));
    expect(result.sections).toEqual([{ key: 'organization', status: 'ok', record_count: 1 }]);
    expect(await readFile(result.file)).toHaveLength(200_000);
    const start = server.seen.find((r) => r.method === 'POST');
    expect(start?.query.get('archive_format')).toBe('tar.gz');
    for (const request of server.seen.filter((r) => r.path.startsWith('/storage'))) {
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
  });
});
