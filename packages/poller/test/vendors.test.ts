import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { startSandbox, type RecordedRequest, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobFailedError, RateLimitGovernor, resumeExport, type JobState } from '../src/index.js';
import { exportClosientOrg } from '../src/closient.js';
import { exportOmniDashboard, omniAdapter, startOmniExport } from '../src/omni.js';
import { exportVideoDBDownload, startVideoDBExport, videoDBAdapter } from '../src/videodb.js';

let sandbox: Sandbox;
let dir: string;
/** Where this test's requests start in the sandbox's log. */
let mark = 0;
const seen = (): RecordedRequest[] => sandbox.requests.slice(mark);
const queryOf = (request: RecordedRequest) => new URL(request.url, 'http://sandbox.invalid').searchParams;
const fast = () => ({ minDelayMs: 2, maxDelayMs: 10, timeoutMs: 10_000, governor: new RateLimitGovernor({ limits: { omni: [] } }) });

beforeAll(async () => {
  // No client-side Omni budget here (the governor's tests cover it), so the sandbox's 60/min is lifted too.
  sandbox = await startSandbox({
    jobDurationMs: 40,
    fileSizes: { omni: 200_000, videodb: 200_000, closient: 200_000 },
    rateLimits: { omni: { perMinute: 100_000 } },
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-vendors-'));
  mark = sandbox.requests.length;
  return () => rm(dir, { recursive: true, force: true });
});

/** A client with a key of its own, so a fault rule of one test touches no other. */
const keyed = (vendor: Vendor) => sandbox.createApiKey(vendor);
const omni = (apiKey = sandbox.apiKeys.omni, on = sandbox) => createOmniClient({ apiKey, baseUrl: on.baseUrls.omni });
const videodb = (apiKey = sandbox.apiKeys.videodb) => createVideoDBClient({ apiKey, baseUrl: sandbox.baseUrls.videodb });
const closient = () => createClosientClient({ apiKey: sandbox.apiKeys.closient, baseUrl: sandbox.baseUrls.closient });

describe('Omni', () => {
  it('starts, waits, downloads through the download endpoint with userId, and names the file from Content-Disposition', async () => {
    const states: string[] = [];
    const result = await exportOmniDashboard(omni(), { dashboardId: 'dash-1', userId: 'user-7', body: { format: 'pdf', filename: 'Quarterly Report' } }, {
      ...fast(),
      to: dir,
      onProgress: (e) => e.type === 'state' && states.push(e.job.state),
    });
    expect(result.file).toBe(join(dir, 'Quarterly Report.pdf'));
    expect(result.bytes).toBe(200_000);
    expect(result.sha256).toBe((await sandbox.artifact('omni', result.job.id)).sha256);
    expect(states.at(-1)).toBe('succeeded');
    expect(new Set(states).size).toBe(states.length); // only changes
    const calls = seen().filter((r) => r.vendor === 'omni');
    expect(calls.map((r) => r.stage)).toEqual(expect.arrayContaining(['start', 'poll', 'download']));
    expect(calls.every((r) => queryOf(r).get('userId') === 'user-7')).toBe(true);
    expect(await readdir(dir)).toEqual(['Quarterly Report.pdf']);
  });

  it('attaches to existing_job_id on a 409 instead of failing', async () => {
    // A sandbox whose jobs run for an hour: the dashboard is still busy when the second start arrives.
    const busy = await startSandbox({ jobDurationMs: 3_600_000 });
    try {
      const client = omni(busy.apiKeys.omni, busy);
      const first = await startOmniExport(client, { dashboardId: 'dash-2', body: { format: 'png' } }, fast());
      const second = await startOmniExport(client, { dashboardId: 'dash-2', body: { format: 'png' } }, fast());
      expect(second.id).toBe(first.id);
      expect(busy.requestCount('omni', { stage: 'start', status: 409 })).toBe(1);
      expect(busy.requestCount('omni', { stage: 'start' })).toBe(2);
    } finally {
      await busy.close();
    }
  });

  it('a job that fails throws JobFailedError with the last state, and leaves no file', async () => {
    const apiKey = keyed('omni');
    sandbox.addFault({ fault: 'job-fails', vendor: 'omni', stage: 'start', apiKey });
    const error = await exportOmniDashboard(omni(apiKey), { dashboardId: 'dash-3', body: { format: 'pdf' } }, { ...fast(), to: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error.job as JobState).state).toBe('failed');
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats an undocumented status as running, logs it, and keeps backing off', async () => {
    const apiKey = keyed('omni');
    sandbox.addFault({ fault: 'unknown-status', vendor: 'omni', stage: 'poll', apiKey, times: 3 });
    const before = sandbox.faultCount('unknown-status');
    const warnings: string[] = [];
    const job = await startOmniExport(omni(apiKey), { dashboardId: 'dash-4', body: { format: 'pdf' } }, { ...fast(), logger: { warn: (m) => warnings.push(m) } });
    const state = await job.wait(fast());
    expect(state.state).toBe('succeeded');
    expect(sandbox.faultCount('unknown-status') - before).toBe(3);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('serialises a job without the key, and a resumed job polls the same id without starting another', async () => {
    const job = await startOmniExport(omni(), { dashboardId: 'dash-5', userId: 'u1', body: { format: 'pdf' } }, fast());
    const token = JSON.parse(JSON.stringify(job));
    expect(token).toEqual({ version: 1, vendor: 'omni', jobId: job.id, dashboardId: 'dash-5', userId: 'u1' });
    expect(JSON.stringify(token)).not.toContain(sandbox.apiKeys.omni);
    const starts = seen().filter((r) => r.method === 'POST').length;
    const resumed = resumeExport(token, [videoDBAdapter(videodb()), omniAdapter(omni())], fast());
    expect((await resumed.wait(fast())).id).toBe(job.id);
    expect(seen().filter((r) => r.method === 'POST').length).toBe(starts);
    expect(seen().some((r) => r.stage === 'poll' && r.url.includes(job.id))).toBe(true);
  });
});

describe('VideoDB', () => {
  it('creates a download, normalises both status shapes, and fetches the signed URL without credentials', async () => {
    const result = await exportVideoDBDownload(videodb(), { streamLink: sandbox.fixtures.videodbStreamLink, name: 'clip.mp4' }, { ...fast(), to: dir });
    expect(result.file).toBe(join(dir, 'clip.mp4'));
    expect(result.sha256).toBe((await sandbox.artifact('videodb', result.job.id)).sha256);
    const storage = seen().filter((r) => r.origin === 'storage');
    expect(storage.length).toBeGreaterThan(0);
    for (const request of storage) {
      expect(request.headers['x-access-token']).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(sandbox.apiKeys.videodb);
    }
  });

  it('normalises `error` to failed', async () => {
    const apiKey = keyed('videodb');
    // The sandbox answers a finished download in the record shape, whose failure word is `error`.
    sandbox.addFault({ fault: 'job-fails', vendor: 'videodb', stage: 'start', apiKey });
    const job = await startVideoDBExport(videodb(apiKey), { streamLink: sandbox.fixtures.videodbStreamLink }, fast());
    const error = await job.wait(fast()).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error.job as JobState).raw).toMatchObject({ data: { status: 'error' } });
  });
});

describe('Closient', () => {
  it('requests an export, follows RateLimit headers, surfaces sections and never sends the key to storage', async () => {
    const result = await exportClosientOrg(closient(), { organizationId: sandbox.fixtures.closientOrganizationId, archiveFormat: 'tar.gz' }, { ...fast(), to: dir });
    const artifact = await sandbox.artifact('closient', result.job.id);
    expect(result.file).toBe(join(dir, artifact.filename));
    expect(result.file.endsWith('.tar.gz')).toBe(true);
    expect(result.bytes).toBe(artifact.size);
    expect(result.sha256).toBe(artifact.sha256);
    // The sections are the vendor's, as its status call lists them.
    const status = await fetch(`${sandbox.baseUrls.closient}/dashboard/api/v1/data-export/${sandbox.fixtures.closientOrganizationId}/${result.job.id}`, {
      headers: { 'X-API-Key': sandbox.apiKeys.closient },
    });
    const { sections } = (await status.json()) as { sections: unknown[] };
    expect(sections.length).toBeGreaterThan(0);
    expect(result.sections).toEqual(sections);
    const start = seen().find((r) => r.method === 'POST');
    expect(start && queryOf(start).get('archive_format')).toBe('tar.gz');
    for (const request of seen().filter((r) => r.origin === 'storage')) {
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
  });
});
