import { createOmniClient } from '@exportkit/omni';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { downloadAndHash, manualClock } from './helpers/download.js';
import { createSpecCheck } from './helpers/spec-checked-fetch.js';

describe('Omni lifecycle', () => {
  let sandbox: Sandbox;
  const clock = manualClock();
  const spec = createSpecCheck();
  const client = () => createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni, fetch: spec.fetchFor('omni') });
  const paths = {
    initiate: '/v1/dashboards/{dashboardId}/download',
    status: '/v1/dashboards/{dashboardId}/download/{jobId}/status',
    file: '/v1/dashboards/{dashboardId}/download/{jobId}',
  } as const;

  beforeEach(async () => {
    sandbox = await startSandbox({ now: clock.now, jobDurationMs: 5000 });
  });
  afterEach(async () => {
    await sandbox.close();
    expect(spec.checked.length).toBeGreaterThan(0);
    expect(spec.problems()).toEqual([]);
  });

  it('initiates, polls in_progress then complete, and downloads the file', async () => {
    const omni = client();
    const dashboardId = sandbox.fixtures.omniDashboardId;
    const started = await omni.POST(paths.initiate, { params: { path: { dashboardId } }, body: { format: 'pdf', filename: 'Quarterly' } });
    const jobId = started.data?.job_id ?? '';
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

    const early = await omni.GET(paths.status, { params: { path: { dashboardId, jobId } } });
    expect(early.data?.status).toBe('in_progress');
    const notYet = await omni.GET(paths.file, { params: { path: { dashboardId, jobId } }, parseAs: 'stream' });
    expect(notYet.response.status).toBe(202);

    clock.advance(5000);
    const done = await omni.GET(paths.status, { params: { path: { dashboardId, jobId } } });
    expect(done.data?.status).toBe('complete');

    const artifact = await sandbox.artifact('omni', jobId);
    const file = await downloadAndHash(`${sandbox.baseUrls.omni}/v1/dashboards/${dashboardId}/download/${jobId}`, {
      headers: { Authorization: `Bearer ${sandbox.apiKeys.omni}` },
    });
    expect(file).toMatchObject({ status: 200, size: artifact.size, sha256: artifact.sha256 });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="Quarterly.pdf"');
    expect(Number(file.headers.get('content-length'))).toBe(artifact.size);
  });

  it('answers a second initiate on a busy dashboard with 409 and the existing job id', async () => {
    const omni = client();
    const dashboardId = 'busy-dashboard';
    const first = await omni.POST(paths.initiate, { params: { path: { dashboardId } }, body: { format: 'png' } });
    const second = await omni.POST(paths.initiate, { params: { path: { dashboardId } }, body: { format: 'png' } });
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({ existing_job_id: first.data?.job_id });
  });

  it('answers 409 only for a job the same key and user could read: another key on the dashboard gets its own job', async () => {
    const dashboardId = 'busy-dashboard';
    const other = createOmniClient({ apiKey: sandbox.createApiKey('omni'), baseUrl: sandbox.baseUrls.omni, fetch: spec.fetchFor('omni') });
    const first = await client().POST(paths.initiate, { params: { path: { dashboardId } }, body: { format: 'png' } });
    const otherKey = await other.POST(paths.initiate, { params: { path: { dashboardId } }, body: { format: 'png' } });
    const otherUser = await client().POST(paths.initiate, { params: { path: { dashboardId }, query: { userId: 'user-9' } }, body: { format: 'png' } });
    expect(otherKey.response.status).toBe(200);
    expect(otherUser.response.status).toBe(200);
    expect(new Set([first.data?.job_id, otherKey.data?.job_id, otherUser.data?.job_id]).size).toBe(3);
  });

  it('scopes jobs to userId, refuses bad keys, answers 404 and 410', async () => {
    const omni = client();
    const dashboardId = sandbox.fixtures.omniDashboardId;
    const started = await omni.POST(paths.initiate, { params: { path: { dashboardId }, query: { userId: 'user-1' } }, body: { format: 'csv' } });
    const jobId = started.data?.job_id ?? '';
    const otherUser = await omni.GET(paths.status, { params: { path: { dashboardId, jobId }, query: { userId: 'user-2' } } });
    expect(otherUser.response.status).toBe(404);
    const sameUser = await omni.GET(paths.status, { params: { path: { dashboardId, jobId }, query: { userId: 'user-1' } } });
    expect(sameUser.data?.status).toBe('in_progress');

    const stranger = createOmniClient({ apiKey: 'not-a-key', baseUrl: sandbox.baseUrls.omni, fetch: spec.fetchFor('omni') });
    const refused = await stranger.GET(paths.status, { params: { path: { dashboardId, jobId } } });
    expect(refused.response.status).toBe(401);
    const missing = await omni.POST(paths.initiate, { params: { path: { dashboardId: 'missing-dashboard' } }, body: { format: 'pdf' } });
    expect(missing.response.status).toBe(404);

    sandbox.addFault({ fault: 'job-fails', vendor: 'omni', stage: 'start' });
    const failing = await omni.POST(paths.initiate, { params: { path: { dashboardId: 'other' } }, body: { format: 'xlsx' } });
    clock.advance(5000);
    const failedId = failing.data?.job_id ?? '';
    const failed = await omni.GET(paths.status, { params: { path: { dashboardId: 'other', jobId: failedId } } });
    expect(failed.data).toMatchObject({ status: 'error', error: expect.any(String) });
    const gone = await omni.GET(paths.file, { params: { path: { dashboardId: 'other', jobId: failedId } }, parseAs: 'stream' });
    expect(gone.response.status).toBe(410);
  });

  it('allows 60 requests a minute per key, then 429 with no rate-limit headers', async () => {
    const omni = client();
    const dashboardId = sandbox.fixtures.omniDashboardId;
    const jobId = '550e8400-e29b-41d4-a716-446655440000';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) {
      const { response } = await omni.GET(paths.status, { params: { path: { dashboardId, jobId } } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect([...response.headers.keys()].filter((name) => /rate|retry/i.test(name))).toEqual([]);
      }
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    expect(sandbox.requestCount('omni', { status: 429 })).toBe(1);
    clock.advance(60_000);
    const after = await omni.GET(paths.status, { params: { path: { dashboardId, jobId } } });
    expect(after.response.status).toBe(404);
  });
});
