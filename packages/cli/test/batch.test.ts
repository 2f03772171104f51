import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox, type Vendor } from '@exportkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchArgs, organizationId, resultLines, writeManifest } from './support/batch-manifest.js';
import { runCli } from './support/run-cli.js';

// The sandbox's clock runs 100x: jobs finish in tens of milliseconds, and its
// rate windows are 100x shorter, so Omni's 60/min is 6,000/min of wall clock.
// The CLI's governor runs on the wall clock, so the batch passes each key's
// budget as --rate-limit at half the sandbox's: any request over budget
// (a governor per job instead of one per key) shows as a 429.
const SPEED = 100;
const LIMITS = ['--rate-limit', 'omni=3000/1m', '--rate-limit', 'closient=15000/1m'];
const origin = Date.now();
const fastClock = () => origin + (Date.now() - origin) * SPEED;

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    now: fastClock,
    jobDurationMs: { omni: 2_000, videodb: 2_000, closient: 2_000 },
    fileSizes: { omni: 2_048, videodb: 4_096, closient: 2_048 },
  });
  dir = await mkdtemp(join(tmpdir(), 'exportkit-cli-batch-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** Every succeeded line's file is the sandbox's artifact of its job, byte for byte. */
async function expectFilesRight(results: Record<string, unknown>[]): Promise<void> {
  for (const result of results) {
    const artifact = await sandbox.artifact(result.vendor as Vendor, result.jobId as string);
    expect({ line: result.line, sha256: await sha256(result.file as string) }).toEqual({ line: result.line, sha256: artifact.sha256 });
    expect(result.sha256).toBe(artifact.sha256);
  }
}

/** Create requests since `from` (an index into the sandbox's request log), optionally only those whose path names `target`. */
function createsSince(from: number, target?: string): number {
  return sandbox.requests.slice(from).filter((r) => r.stage === 'start' && r.origin === 'api' && (target === undefined || r.url.includes(target))).length;
}

describe('exportkit batch', () => {
  it('runs a 300-line mixed manifest: every file right by sha256, no 429, one create per line; a re-run skips them all', async () => {
    const out = join(dir, 'full');
    const manifest = await writeManifest(sandbox, join(dir, 'full.jsonl'), 300);
    const { args, env } = batchArgs(sandbox);
    const from = sandbox.requests.length;

    const run = await runCli(['batch', manifest, '--out', out, '--concurrency', '48', '--json', ...LIMITS, ...args], { env, killAfterMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const results = resultLines(run.stdout);
    expect(results).toHaveLength(300);
    expect(results.every((result) => result.status === 'succeeded'), run.stdout.slice(0, 2000)).toBe(true);
    expect(new Set(results.map((result) => result.line)).size).toBe(300);
    await expectFilesRight(results);
    expect(sandbox.requests.slice(from).filter((r) => r.status === 429)).toEqual([]);
    expect(createsSince(from)).toBe(300);
    expect((await readdir(join(out, 'videos'))).filter((name) => !name.startsWith('.'))).toHaveLength(100);
    expect(`${run.stdout}${run.stderr}`).not.toContain(sandbox.apiKeys.closient);

    const again = await runCli(['batch', manifest, '--out', out, '--json', ...LIMITS, ...args], { env });
    expect(again.code, again.stderr).toBe(0);
    const skipped = resultLines(again.stdout);
    expect(skipped.map((result) => result.status)).toEqual(Array(300).fill('skipped'));
    expect(createsSince(from)).toBe(300);
  }, 150_000);

  it('Ctrl-C, then the same command: finished lines are skipped, interrupted ones continue their job, nothing finished is created again', async () => {
    // Closient's jobs take 3 s of wall clock here: Ctrl-C finds them under way, journaled.
    const slow = await startSandbox({ now: fastClock, jobDurationMs: { omni: 2_000, videodb: 2_000, closient: 300_000 }, fileSizes: { videodb: 4_096 } });
    try {
      const out = join(dir, 'interrupted');
      const manifest = await writeManifest(slow, join(dir, 'interrupted.jsonl'), 60);
      const { args, env } = batchArgs(slow);
      const command = ['batch', manifest, '--out', out, '--concurrency', '30', '--json', ...LIMITS, ...args];

      const first = await runCli(command, { env, interruptWhen: ({ stdout }) => resultLines(stdout).length >= 15 });
      expect(first.code, first.stderr).toBe(130);
      const firstResults = resultLines(first.stdout);
      const finished = new Set(firstResults.filter((result) => result.status === 'succeeded').map((result) => result.line));
      expect(finished.size).toBeGreaterThanOrEqual(15);
      expect(finished.size).toBeLessThan(60);
      expect(firstResults.filter((result) => result.status === 'interrupted').length).toBeGreaterThan(0);

      // The second run's requests are those that arrived after it began (`at` is taken on arrival).
      // Not an index into the log taken now: a create the first run sent just before Ctrl-C is
      // logged once its answer is ready, which can be after the first CLI has exited.
      const secondRunFrom = fastClock();
      const second = await runCli(command, { env, killAfterMs: 90_000 });
      expect(second.code, second.stderr).toBe(0);
      const results = resultLines(second.stdout);
      expect(results).toHaveLength(60);
      for (const result of results) expect([result.line, result.status]).toEqual([result.line, finished.has(result.line) ? 'skipped' : 'succeeded']);
      const resumed = results.filter((result) => result.resumed === true);
      const started = results.filter((result) => result.status === 'succeeded' && result.resumed === false);
      expect(resumed.length).toBeGreaterThan(0);
      // Creates in the second run: exactly one per line that had no job yet; none for a finished or journaled line.
      const secondRun = slow.requests.filter((r) => r.at >= secondRunFrom);
      const creates = secondRun.filter((r) => r.stage === 'start' && r.origin === 'api');
      expect(creates).toHaveLength(started.length);
      expect(secondRun.filter((r) => r.status === 429)).toEqual([]);
      for (const result of [...firstResults.filter((r) => r.status === 'succeeded'), ...results.filter((r) => r.status === 'succeeded')]) {
        const artifact = await slow.artifact(result.vendor as Vendor, result.jobId as string);
        expect(await sha256(result.file as string)).toBe(artifact.sha256);
      }
      // Nothing half-done is left behind: no partial files, no journal.
      const leftovers = async (folder: string) => (await readdir(folder)).filter((name) => name.includes('exportkit-partial') || name === '.exportkit-jobs');
      expect([...(await leftovers(out)), ...(await leftovers(join(out, 'videos'))), ...(await leftovers(join(out, 'archives')))]).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 150_000);

  it('runs a CSV manifest: a header row, empty cells left out, saveAs and out honoured', async () => {
    const manifest = join(dir, 'small.csv');
    const rows = [
      'vendor,dashboardId,format,organizationId,streamLink,name,out,saveAs',
      'omni,csv-dashboard-1,csv,,,,,sales.csv',
      `closient,,,${organizationId(9001)},,,crm,`,
      `videodb,,,,${sandbox.fixtures.videodbStreamLink},csv-clip.wav,media,`,
    ];
    await writeFile(manifest, `${rows.join('\n')}\n`);
    const { args, env } = batchArgs(sandbox);
    const out = join(dir, 'csv');
    const run = await runCli(['batch', manifest, '--out', out, '--json', ...LIMITS, ...args], { env });
    expect(run.code, run.stderr).toBe(0);
    const results = resultLines(run.stdout);
    expect(results.map((result) => [result.line, result.status]).sort()).toEqual([
      [2, 'succeeded'],
      [3, 'succeeded'],
      [4, 'succeeded'],
    ]);
    await expectFilesRight(results);
    const byLine = new Map(results.map((result) => [result.line, result.file as string]));
    expect(byLine.get(2)).toBe(join(out, 'sales.csv'));
    expect(byLine.get(3)?.startsWith(join(out, 'crm'))).toBe(true);
    expect(byLine.get(4)).toBe(join(out, 'media', 'csv-clip.wav'));
  });
});
