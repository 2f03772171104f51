import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, jsonResult, runCli } from './support/run-cli.js';
import { exportArgs, keyEnv, type Vendor, visibleFiles } from './support/sandbox-commands.js';

let sandbox: Sandbox;
let out: string;

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 200 });
  out = await mkdtemp(join(tmpdir(), 'exportkit-cli-exit-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(out, { recursive: true, force: true });
});

/** No run may print any of the sandbox's keys, whatever happened. */
function expectNoKey(run: CliRun): void {
  for (const key of Object.values(sandbox.apiKeys)) expect(`${run.stdout}${run.stderr}`).not.toContain(key);
}

async function exportFrom(vendor: Vendor, extra: string[] = [], env = keyEnv(sandbox, vendor)): Promise<CliRun> {
  const run = await runCli([...exportArgs(sandbox, vendor, join(out, vendor)), '--json', '--overwrite', ...extra], { env });
  expectNoKey(run);
  return run;
}

describe('exit 0: the file is written', () => {
  for (const vendor of ['omni', 'videodb', 'closient'] as const) {
    it(`${vendor}: prints { vendor, jobId, status, file, bytes, sha256 } and nothing else on stdout`, async () => {
      const run = await exportFrom(vendor);
      expect(run.code, run.stderr).toBe(0);
      const result = jsonResult(run);
      expect(Object.keys(result).sort()).toEqual(['bytes', 'file', 'jobId', 'sha256', 'status', 'vendor']);
      expect(result).toMatchObject({ vendor, status: 'succeeded' });
      const bytes = await readFile(result.file as string);
      expect(bytes.length).toBe(result.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(result.sha256);
      expect(await visibleFiles(join(out, vendor))).toHaveLength(1);
    });
  }

  it('prints only the file path with --quiet', async () => {
    const run = await runCli([...exportArgs(sandbox, 'closient', join(out, 'quiet'), ), '--quiet'], { env: keyEnv(sandbox, 'closient') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/quiet[/\\][^/\\]+$/);
    expect(run.stderr).toBe('');
  });
});

describe('failures', () => {
  it('1: the vendor reports the job failed', async () => {
    sandbox.addFault({ fault: 'job-fails', vendor: 'closient', stage: 'start', times: 1 });
    const run = await exportFrom('closient');
    expect(run.code, run.stderr).toBe(1);
    const result = jsonResult(run);
    expect(Object.keys(result).sort()).toEqual(['error', 'jobId', 'status', 'vendor']);
    expect(result).toMatchObject({ vendor: 'closient', status: 'failed', error: { code: 'job_failed' } });
    expect(typeof result.jobId).toBe('string');
  });

  it('4: a wrong key is refused, and not printed either', async () => {
    const wrongKey = 'wrong-key-that-must-not-be-printed';
    const run = await exportFrom('omni', ['--api-key', wrongKey], {});
    expect(run.code, run.stderr).toBe(4);
    expect(jsonResult(run)).toMatchObject({ vendor: 'omni', jobId: null, error: { code: 'unauthorized' } });
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrongKey);
  });

  it('5: server errors outlast the retries', async () => {
    // Closient's start is not idempotent, so the poller does not retry a 5xx there: one fault is enough.
    sandbox.addFault({ fault: 'server-error-503', vendor: 'closient', stage: 'start', times: 1 });
    const run = await exportFrom('closient');
    expect(run.code, run.stderr).toBe(5);
    expect(jsonResult(run)).toMatchObject({ vendor: 'closient', error: { code: 'server_error' } });
  });

  it('5: the vendor cannot be reached at all', async () => {
    const closed = `http://127.0.0.1:1`;
    const run = await runCli(['closient', sandbox.fixtures.closientOrganizationId, '--base-url', closed, '--out', out, '--json'], {
      env: keyEnv(sandbox, 'closient'),
    });
    expect(run.code, run.stderr).toBe(5);
    expect(jsonResult(run)).toMatchObject({ error: { code: 'connection_error' } });
  });
});

describe('exit 3: timeout', () => {
  let slow: Sandbox;
  beforeAll(async () => {
    slow = await startSandbox({ jobDurationMs: 600_000 });
  });
  afterAll(async () => slow?.close());

  it('gives up after --timeout and prints how to resume the same job', async () => {
    const run = await runCli([...exportArgs(slow, 'videodb', join(out, 'slow')), '--timeout', '1', '--json'], { env: keyEnv(slow, 'videodb') });
    expect(run.code, run.stderr).toBe(3);
    const result = jsonResult(run);
    expect(result).toMatchObject({ vendor: 'videodb', status: 'running', error: { code: 'timeout' } });
    expect(run.stderr).toMatch(/--resume \S+/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(slow.apiKeys.videodb);
  });
});
