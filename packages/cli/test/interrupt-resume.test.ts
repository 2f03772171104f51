import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResult, runCli } from './support/run-cli.js';
import { exportArgs, keyEnv, visibleFiles } from './support/sandbox-commands.js';

const SIZE = 4 * 1024 * 1024;
let sandbox: Sandbox;
let out: string;

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 200, fileSizes: { videodb: SIZE } });
  out = await mkdtemp(join(tmpdir(), 'exportkit-cli-interrupt-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(out, { recursive: true, force: true });
});

/**
 * True once bytes have arrived: off a TTY the CLI logs the first bytes as
 * "downloading". (The partial file on disk can still be empty then: the
 * poller gathers chunks into 1 MiB writes, and flushes them on Ctrl-C.)
 */
const downloadStarted = ({ stderr }: { stderr: string }) => /: downloading/.test(stderr);

function tokenJobId(token: string): string {
  return (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { jobId: string }).jobId;
}

describe('Ctrl-C mid-download', () => {
  it('exits 130, leaves no file at the destination, and --resume finishes the same job', async () => {
    // The signed-URL origin sends part of the file, then stalls: the CLI is mid-download when Ctrl-C comes.
    sandbox.addFault({ fault: 'stalled-body', vendor: 'videodb', stage: 'download', times: 1 });
    const args = exportArgs(sandbox, 'videodb', out);
    const env = keyEnv(sandbox, 'videodb');

    const interrupted = await runCli(args, { env, interruptWhen: downloadStarted });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(await visibleFiles(out)).toEqual([]);
    const token = /--resume (\S+)/.exec(interrupted.stderr)?.[1];
    expect(token, interrupted.stderr).toBeDefined();
    expect(`${interrupted.stdout}${interrupted.stderr}`).not.toContain(sandbox.apiKeys.videodb);

    const startsBefore = sandbox.requestCount('videodb', { stage: 'start' });
    const resumed = await runCli([...args, '--resume', token as string, '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = jsonResult(resumed);
    expect(result.jobId).toBe(tokenJobId(token as string));
    expect(result.bytes).toBe(SIZE);
    // The same job, no new export, and only the missing bytes asked for.
    expect(sandbox.requestCount('videodb', { stage: 'start' })).toBe(startsBefore);
    const lastFetch = sandbox.storageRequests.at(-1);
    expect(lastFetch?.status).toBe(206);
    expect(lastFetch?.headers.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(await visibleFiles(out)).toHaveLength(1);
    expect((await readdir(out)).filter((name) => name.includes('exportkit-partial'))).toEqual([]);
  });

  it('exits 130 while waiting for the job, with a resume line even before any byte', async () => {
    const slow = await startSandbox({ jobDurationMs: 600_000 });
    try {
      const dir = join(out, 'waiting');
      const run = await runCli(exportArgs(slow, 'closient', dir), {
        env: keyEnv(slow, 'closient'),
        interruptWhen: ({ stderr }) => /started job/.test(stderr),
      });
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toMatch(/--resume \S+/);
      expect(await visibleFiles(dir)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
