import { createHash } from 'node:crypto';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
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
    const manifest = await writeManifest(sandbox, dir, 300);
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

  it('refuses a bad line before any request, naming the line and the field (exit 2)', async () => {
    const manifest = join(dir, 'bad.jsonl');
    const good = JSON.stringify({ vendor: 'closient', organizationId: organizationId(1) });
    await rm(manifest, { force: true });
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(manifest, `${good}\n${good.replace(organizationId(1), organizationId(2))}\n{"vendor":"omni","dashboardId":"d","format":"docx"}\n`),
    );
    const { args, env } = batchArgs(sandbox);
    const from = sandbox.requests.length;
    const run = await runCli(['batch', manifest, '--out', join(dir, 'bad'), ...args], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.jsonl line 3: format: must be one of pdf, png, csv, xlsx, json/);
    expect(sandbox.requests.length).toBe(from);
  });
});
