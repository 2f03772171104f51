import { createOmniClient } from '@exportkit/omni';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeResumeToken, RateLimitGovernor } from '../src/index.js';
import { startOmniExport } from '../src/omni.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 200 });
});
afterAll(() => sandbox.close());

// The child process uses the BUILT package, as a user's process would.
const CHILD = `
import { createOmniClient } from '@exportkit/omni';
import { resumeExport, runExport } from '@exportkit/poller';
import { omniAdapter } from '@exportkit/poller/omni';
const [token, baseUrl, to] = process.argv.slice(1);
const omni = createOmniClient({ apiKey: process.env.OMNI_API_KEY, baseUrl });
const job = resumeExport(token, [omniAdapter(omni)]);
const result = await runExport({ job }, { to, minDelayMs: 10, maxDelayMs: 50, timeoutMs: 15000 });
process.stdout.write(JSON.stringify({ file: result.file, sha256: result.sha256, id: result.job.id }));
`;

it('a serialised job is resumed in a new process without starting another export', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'poller-resume-'));
  try {
    const client = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni });
    const job = await startOmniExport(client, { dashboardId: sandbox.fixtures.omniDashboardId, body: { format: 'pdf' } }, { governor: new RateLimitGovernor() });
    const token = encodeResumeToken(job.toJSON());
    expect(token).not.toContain(sandbox.apiKeys.omni);
    const starts = sandbox.requestCount('omni', { method: 'POST' });
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, token, sandbox.baseUrls.omni, dir], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, OMNI_API_KEY: sandbox.apiKeys.omni },
      timeout: 20_000,
    });
    const result = JSON.parse(stdout) as { sha256: string; id: string };
    expect(result.id).toBe(job.id);
    expect(result.sha256).toBe((await sandbox.artifact('omni', job.id)).sha256);
    expect(sandbox.requestCount('omni', { method: 'POST' })).toBe(starts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
