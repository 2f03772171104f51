import { parseRetryAfter } from '@exportkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_CATALOG, FAULT_NAMES, type FaultName, type Sandbox, startSandbox } from '../src/index.js';
import { downloadAndHash, manualClock } from './helpers/download.js';
import { SpecValidator } from './helpers/spec-validator.js';

const clock = manualClock();
let sandbox: Sandbox;

const closientAuth = () => ({ 'X-API-Key': sandbox.apiKeys.closient });
const exportsUrl = () => `${sandbox.baseUrls.closient}/dashboard/api/v1/data-export/${sandbox.fixtures.closientOrganizationId}`;

/** Starts a Closient export (optionally with a fault header) and returns its job id. */
async function startExport(fault?: FaultName): Promise<string> {
  const response = await fetch(exportsUrl(), { method: 'POST', headers: { ...closientAuth(), ...(fault ? { 'x-sandbox-fault': fault } : {}) } });
  return ((await response.json()) as { job_id: string }).job_id;
}

function pollExport(jobId: string, fault?: FaultName): Promise<Response> {
  return fetch(`${exportsUrl()}/${jobId}`, { headers: { ...closientAuth(), ...(fault ? { 'x-sandbox-fault': fault } : {}) } });
}

async function downloadUrl(jobId: string): Promise<string> {
  clock.advance(1000);
  return ((await (await pollExport(jobId)).json()) as { download_url: string }).download_url;
}

async function expectBrokenBody(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  await expect(response.arrayBuffer()).rejects.toThrow();
}

/** Reads a body until it ends or breaks; returns how many bytes arrived and whether it broke. */
async function readUntilBroken(response: Response): Promise<{ bytes: number; broken: boolean }> {
  const reader = response.body?.getReader();
  let bytes = 0;
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) bytes += read.value.length;
    return { bytes, broken: false };
  } catch {
    return { bytes, broken: true };
  }
}

async function expectRateLimited(fault: FaultName, check: (retryAfter: string | null) => void): Promise<void> {
  const response = await pollExport(await startExport(), fault);
  expect(response.status).toBe(429);
  check(response.headers.get('retry-after'));
  expect(await response.json()).toMatchObject({ error_code: 'rate_limited' });
}

async function expectHtmlError(status: number): Promise<void> {
  const fault = `server-error-${status}` as FaultName;
  const response = await fetch(exportsUrl(), { method: 'POST', headers: { ...closientAuth(), 'x-sandbox-fault': fault } });
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('text/html');
  expect(await response.text()).toContain('<html>');
}

/** One scenario per fault; the Record type makes a new fault without a test a compile error. */
const SCENARIOS: Record<FaultName, () => Promise<void>> = {
  'rate-limit-retry-after-seconds': () => expectRateLimited('rate-limit-retry-after-seconds', (value) => expect(value).toBe('1')),
  'rate-limit-retry-after-date': () =>
    expectRateLimited('rate-limit-retry-after-date', (value) => {
      expect(value).toMatch(/GMT$/);
      expect(parseRetryAfter(value, clock.now())).toBe(1000);
    }),
  'rate-limit-no-retry-after': () => expectRateLimited('rate-limit-no-retry-after', (value) => expect(value).toBeNull()),
  'server-error-500': () => expectHtmlError(500),
  'server-error-502': () => expectHtmlError(502),
  'server-error-503': () => expectHtmlError(503),
  'connection-reset': async () => {
    const url = await downloadUrl(await startExport());
    await expect(fetch(url, { headers: { 'x-sandbox-fault': 'connection-reset' } }).then((r) => r.arrayBuffer())).rejects.toThrow();
  },
  'stalled-body': async () => {
    const jobId = await startExport();
    sandbox.addFault({ fault: 'stalled-body', jobId, stage: 'download', stallMs: 50 });
    await expectBrokenBody(await fetch(await downloadUrl(jobId)));
  },
  'silent-answer': async () => {
    const jobId = await startExport();
    sandbox.addFault({ fault: 'silent-answer', jobId, stage: 'download', stallMs: 50 });
    // Not even a status line: fetch fails once the sandbox closes the connection.
    await expect(fetch(await downloadUrl(jobId))).rejects.toThrow();
  },
  'truncated-body': async () => {
    const response = await pollExport(await startExport(), 'truncated-body');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    await expectBrokenBody(response);
  },
  'overlong-body': async () => {
    const jobId = await startExport();
    const url = await downloadUrl(jobId);
    const { size } = await sandbox.artifact('closient', jobId);
    const response = await fetch(url, { headers: { 'x-sandbox-fault': 'overlong-body' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(size);
  },
  'replaced-mid-transfer': async () => {
    const jobId = await startExport();
    const url = await downloadUrl(jobId);
    const artifact = await sandbox.artifact('closient', jobId);
    const current = (await fetch(url, { method: 'HEAD' })).headers.get('etag');
    sandbox.addFault({ fault: 'replaced-mid-transfer', jobId, stage: 'download', stallMs: 50 });
    const replaced = await fetch(url);
    expect(replaced.status).toBe(200);
    const replacedEtag = replaced.headers.get('etag');
    expect(replacedEtag).toMatch(/^"[^"]+"$/);
    expect(replacedEtag).not.toBe(current);
    expect((await readUntilBroken(replaced)).broken).toBe(true);
    // A resume of the replaced version gets the whole current file.
    const resumed = await downloadAndHash(url, { headers: { Range: 'bytes=1000-', 'If-Range': replacedEtag ?? '' } });
    expect(resumed).toMatchObject({ status: 200, size: artifact.size, sha256: artifact.sha256 });
    expect(resumed.headers.get('etag')).toBe(current);
  },
  'invalid-json': async () => {
    const response = await pollExport(await startExport(), 'invalid-json');
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  },
  'unknown-status': async () => {
    const jobId = await startExport();
    const body = await (await pollExport(jobId, 'unknown-status')).json();
    expect(body).toMatchObject({ status: 'archiving' });
    const problems = new SpecValidator().check({
      vendor: 'closient',
      method: 'GET',
      path: `/closient/dashboard/api/v1/data-export/${sandbox.fixtures.closientOrganizationId}/${jobId}`,
      status: 200,
      contentType: 'application/json',
      body,
    });
    expect(problems.join()).toContain('must be equal to one of the allowed values');
  },
  'expired-signed-url': async () => {
    const jobId = await startExport();
    clock.advance(1000);
    const status = (await (await pollExport(jobId, 'expired-signed-url')).json()) as { download_url: string; expires_at: string };
    expect(Date.parse(status.expires_at)).toBeLessThan(clock.now());
    expect((await fetch(status.download_url)).status).toBe(403);
    const fresh = await downloadUrl(jobId);
    const atDownload = await fetch(fresh, { headers: { 'x-sandbox-fault': 'expired-signed-url' } });
    expect(atDownload.status).toBe(403);
    expect((await fetch(fresh)).status).toBe(200);
  },
  'download-202-after-complete': async () => {
    const headers = { Authorization: `Bearer ${sandbox.apiKeys.omni}`, 'content-type': 'application/json' };
    const base = `${sandbox.baseUrls.omni}/v1/dashboards/${sandbox.fixtures.omniDashboardId}/download`;
    const started = (await (await fetch(base, { method: 'POST', headers, body: '{"format":"png"}' })).json()) as { job_id: string };
    clock.advance(1000);
    const status = (await (await fetch(`${base}/${started.job_id}/status`, { headers })).json()) as { status: string };
    expect(status.status).toBe('complete');
    const early = await fetch(`${base}/${started.job_id}`, { headers: { ...headers, 'x-sandbox-fault': 'download-202-after-complete' } });
    expect(early.status).toBe(202);
    expect((await fetch(`${base}/${started.job_id}`, { headers })).status).toBe(200);
  },
  'job-fails': async () => {
    const failing = await startExport('job-fails');
    clock.advance(1000);
    expect(await (await pollExport(failing)).json()).toMatchObject({ status: 'failed', error: expect.any(String) });
    const failsMidway = await startExport();
    expect(await (await pollExport(failsMidway, 'job-fails')).json()).toMatchObject({ status: 'failed' });
  },
};

describe('faults', () => {
  beforeEach(async () => {
    sandbox = await startSandbox({ now: clock.now, jobDurationMs: 1000, fileSizes: { closient: 512 * 1024 } });
  });
  afterEach(() => sandbox.close());

  for (const fault of FAULT_NAMES) {
    it(`${fault}: ${FAULT_CATALOG[fault].effect}`, async () => {
      await SCENARIOS[fault]();
      expect(sandbox.faultCount(fault)).toBeGreaterThan(0);
      expect(sandbox.requestCount('any', { fault })).toBe(sandbox.faultCount(fault));
    });
  }

  it('selects faults by key, by job and by stage, and spends them after `times`', async () => {
    const otherKey = sandbox.createApiKey('closient');
    sandbox.addFault({ fault: 'server-error-503', apiKey: otherKey, stage: 'poll', times: 2 });
    const jobId = await startExport();
    expect((await pollExport(jobId)).status).toBe(200); // the main key is not affected
    const withOtherKey = () => fetch(`${exportsUrl()}/${jobId}`, { headers: { 'X-API-Key': otherKey } });
    expect((await withOtherKey()).status).toBe(503);
    expect((await withOtherKey()).status).toBe(503);
    expect((await withOtherKey()).status).toBe(404); // spent; and the job belongs to the other key
    sandbox.addFault({ fault: 'rate-limit-no-retry-after', jobId, times: Infinity });
    expect((await pollExport(jobId)).status).toBe(429);
    expect((await pollExport(jobId)).status).toBe(429);
    expect(sandbox.faultCount('server-error-503')).toBe(2);
    expect(sandbox.requestCount('closient', { status: 429 })).toBe(2);
  });

  it('cuts a body after exactly bodyBytes, and refuses a bodyBytes that is not a byte count', async () => {
    const jobId = await startExport();
    const url = await downloadUrl(jobId);
    sandbox.addFault({ fault: 'truncated-body', jobId, stage: 'download', bodyBytes: 1000 });
    const cut = await fetch(url);
    expect(Number(cut.headers.get('content-length'))).toBe((await sandbox.artifact('closient', jobId)).size);
    expect(await readUntilBroken(cut)).toEqual({ bytes: 1000, broken: true });
    expect(() => sandbox.addFault({ fault: 'stalled-body', bodyBytes: -1 })).toThrow(/bodyBytes/);
    expect(() => sandbox.addFault({ fault: 'stalled-body', bodyBytes: 1.5 })).toThrow(/bodyBytes/);
  });

  it('rejects unknown fault names and ignores faults where they do not apply', async () => {
    expect(() => sandbox.addFault({ fault: 'nope' as FaultName })).toThrow(/Unknown sandbox fault/);
    const response = await fetch(exportsUrl(), { method: 'POST', headers: { ...closientAuth(), 'x-sandbox-fault': 'download-202-after-complete' } });
    expect(response.status).toBe(200);
    expect(sandbox.faultCount()).toBe(0);
  });
});
