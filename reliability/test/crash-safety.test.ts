// Crash safety: kill -9 the CLI mid-download, then run it again — the same
// command (the journal in the destination folder names the job), or with
// `--resume`. The final file is byte-identical to the sandbox's, only one
// vendor job is created, the bytes kept are continued with a Range request,
// and at no sampled moment does the destination folder show a partial file
// under a visible name: the bytes in flight live only in the hidden
// `.videodb-<job>.exportkit-partial`.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeResumeToken } from '@exportkit/poller';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { printedLines, runCli, type CliRun } from '../src/cli-process.js';
import { countLeaks } from '../src/credential-leaks.js';
import { freshFolder, inspectFolder, isKeptPartial, visibleFileSizes } from '../src/destination-check.js';
import { scenario } from '../src/ledger.js';

const SIZE = 256 * 1024 * 1024;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 100, fileSizes: { videodb: SIZE } });
});
afterAll(() => sandbox?.close());

/** Size of the hidden partial file in `dir`, 0 when there is none. */
async function partialBytes(dir: string): Promise<number> {
  const name = (await readdir(dir)).find((n) => isKeptPartial(n) && !n.endsWith('.json'));
  return name === undefined ? 0 : stat(join(dir, name)).then((s) => s.size, () => 0);
}

test('kill -9 mid-download twice, then --resume: byte-identical file, never a partial at the destination', () =>
  scenario('crash/videodb/kill-9-twice-then-resume', async () => {
    const key = sandbox.createApiKey('videodb');
    const out = await freshFolder('crash');
    // Every sample of the folder's visible files taken while the CLI ran.
    const samples: Map<string, number>[] = [];
    const killedAt: number[] = [];
    try {
      // The resumed runs repeat the command, as the CLI's resume line does.
      const base = ['videodb', sandbox.fixtures.videodbStreamLink, '--base-url', sandbox.baseUrls.videodb, '--api-key', key, '--out', out.path, '--json', '--timeout', '120'];
      /** One run, sampled every 5 ms; SIGKILL once its partial file passes `killAtBytes`. */
      const sampledRun = (args: string[], killAtBytes?: number): Promise<CliRun> => {
        let killed = false;
        return runCli(args, {
          everyMs: 5,
          killAfterMs: 120_000,
          tick: async (kill) => {
            samples.push(await visibleFileSizes(out.path));
            if (killAtBytes === undefined || killed) return;
            const bytes = await partialBytes(out.path);
            if (bytes >= killAtBytes) {
              killed = true;
              killedAt.push(bytes);
              kill('SIGKILL');
            }
          },
        });
      };

      const first = await sampledRun(base, 32 * 1024 * 1024);
      expect(first.signal, first.stderr).toBe('SIGKILL');
      // kill -9 prints no resume line: the job id comes from what the vendor saw (its status calls).
      const poll = sandbox.requests.find((r) => r.vendor === 'videodb' && r.stage === 'poll' && JSON.stringify(r.headers).includes(key));
      const jobId = /\/download\/([^/?]+)/.exec(poll?.url ?? '')?.[1];
      expect(jobId, 'the first run polled its download').toBeDefined();
      const token = encodeResumeToken({ version: 1, vendor: 'videodb', jobId: jobId as string });

      const second = await sampledRun([...base, '--resume', token], 96 * 1024 * 1024);
      expect(second.signal, second.stderr).toBe('SIGKILL');
      const third = await sampledRun([...base, '--resume', token]);
      expect(third.code, third.stderr).toBe(0);

      const artifact = await sandbox.artifact('videodb', jobId as string);
      const result = JSON.parse(third.stdout) as { file: string; sha256: string; bytes: number };
      expect(result).toMatchObject({ sha256: artifact.sha256, bytes: SIZE });
      // Both kills hit mid-transfer, and no second download was created.
      expect(killedAt.every((bytes) => bytes > 0 && bytes < SIZE)).toBe(true);
      const starts = sandbox.requests.filter((r) => r.vendor === 'videodb' && r.stage === 'start' && JSON.stringify(r.headers).includes(key));
      expect(starts).toHaveLength(1);
      const partialSightings = samples.filter((sample) => [...sample.values()].some((size) => size !== SIZE)).length;
      expect(samples.length).toBeGreaterThan(10);
      const verdict = await inspectFolder(out.path, { file: result.file, sha256: artifact.sha256 });
      return {
        corruptedFiles: verdict.corruptedFiles,
        partialFiles: partialSightings + verdict.partialFiles,
        credentialLeaks: countLeaks([key], [first, second, third].flatMap(printedLines)),
        note: `${samples.length} samples; killed at ${killedAt.map((b) => `${(b / 2 ** 20).toFixed(0)} MiB`).join(', ')}`,
      };
    } finally {
      await out.remove();
    }
  }), 180_000);

test('kill -9 at 32 MiB or more, then the same command: the same job, continued past byte 0, byte-identical', () =>
  scenario('crash/videodb/kill-9-then-same-command', async () => {
    const key = sandbox.createApiKey('videodb');
    const out = await freshFolder('crash-same');
    try {
      const command = ['videodb', sandbox.fixtures.videodbStreamLink, '--base-url', sandbox.baseUrls.videodb, '--api-key', key, '--out', out.path, '--json', '--timeout', '120'];
      let killedAt = 0;
      const first = await runCli(command, {
        everyMs: 5,
        killAfterMs: 120_000,
        tick: async (kill) => {
          const bytes = await partialBytes(out.path);
          if (killedAt === 0 && bytes >= 32 * 1024 * 1024) {
            killedAt = bytes;
            kill('SIGKILL');
          }
        },
      });
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const ranges = () =>
        sandbox.storageRequests
          .filter((r) => r.vendor === 'videodb' && typeof r.headers.range === 'string')
          .map((r) => Number(/bytes=(\d+)-/.exec(String(r.headers.range))?.[1] ?? '0'));
      const rangesBefore = ranges().length;
      // The very same command line: no --resume, no token.
      const again = await runCli(command, { killAfterMs: 120_000 });
      expect(again.code, again.stderr).toBe(0);
      const result = JSON.parse(again.stdout) as { file: string; sha256: string; bytes: number; jobId: string };
      const artifact = await sandbox.artifact('videodb', result.jobId);
      expect(result).toMatchObject({ sha256: artifact.sha256, bytes: SIZE });
      const starts = sandbox.requests.filter((r) => r.vendor === 'videodb' && r.stage === 'start' && JSON.stringify(r.headers).includes(key));
      expect(starts, 'the second run continued the job instead of creating another').toHaveLength(1);
      const continuedFrom = ranges().slice(rangesBefore);
      expect(continuedFrom.length, 'the second run asked for a range').toBeGreaterThan(0);
      expect(continuedFrom[0], 'and it started past byte 0').toBeGreaterThan(0);
      const verdict = await inspectFolder(out.path, { file: result.file, sha256: artifact.sha256 });
      return {
        corruptedFiles: verdict.corruptedFiles,
        partialFiles: verdict.partialFiles,
        credentialLeaks: countLeaks([key], [first, again].flatMap(printedLines)),
        note: `killed at ${(killedAt / 2 ** 20).toFixed(0)} MiB; continued from byte ${continuedFrom[0]}`,
      };
    } finally {
      await out.remove();
    }
  }), 180_000);
