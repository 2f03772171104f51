import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { visibleFiles } from './support/sandbox-commands.js';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'exportkit-cli-demo-'));
});
afterAll(async () => rm(out, { recursive: true, force: true }));

describe('exportkit demo', () => {
  it('writes one real file per vendor and ends with a summary table', async () => {
    const run = await runCli(['demo', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(await visibleFiles(out)).toHaveLength(3);
    const table = run.stdout.trim().split('\n');
    expect(table[0]).toMatch(/vendor\s+job\s+file\s+size\s+time/);
    for (const vendor of ['omni', 'videodb', 'closient']) expect(run.stdout).toMatch(new RegExp(`^${vendor}\\s`, 'm'));
  });
});

describe('exportkit sandbox', () => {
  it('prints base URLs and keys ready to paste, and stops cleanly on Ctrl-C', async () => {
    const run = await runCli(['sandbox', '--port', '0'], { interruptWhen: ({ stdout }) => stdout.includes('Ctrl-C') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/export OMNI_API_KEY=\S+/);
    expect(run.stdout).toMatch(/export VIDEODB_API_KEY=\S+/);
    expect(run.stdout).toMatch(/export CLOSIENT_API_KEY=\S+/);
    expect(run.stdout).toMatch(/exportkit omni \S+ --base-url http:\/\/127\.0\.0\.1:\d+/);
  });

  it('refuses a port that is not one', async () => {
    const run = await runCli(['sandbox', '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--port/);
  });
});
