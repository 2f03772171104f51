// `pnpm test:fleet`: worker PROCESSES sharing one Omni key through a
// RedisGovernor, against the sandbox and a real Redis. Time runs 100x fast
// for the sandbox and the workers alike (Omni's 60 requests a minute become
// 60 per 600 ms), so a thousand exports take about half a minute.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay, dumpRedis, useRedisServer } from '../helpers.js';
import { runFleet, type FleetReport } from './run-fleet.mjs';

const SPEED_UP = 100;
const LIMIT = 60;
const WINDOW_MS = 60_000 / SPEED_UP;
const TIME_ORIGIN = Date.now();
const clock = () => TIME_ORIGIN + (Date.now() - TIME_ORIGIN) * SPEED_UP;

const redis = useRedisServer();
let outDir: string;
const apiKeysUsed: string[] = [];
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'exportkit-fleet-'));
});
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface Figures {
  jobs: number;
  completed: number;
  requests: number;
  overBudget: number;
  elapsedMs: number;
  minimumMs: number;
}

/** One fleet run on a fresh sandbox (a fresh key: a budget of its own); returns the figures and checks every file. */
async function scenario(
  name: string,
  workers: number,
  jobsPerWorker: number,
  extra: { clockSkewMs?: (worker: number) => number; duringRun?: (sandbox: Sandbox) => Promise<void> } = {},
): Promise<Figures> {
  const sandbox = await startSandbox({ now: clock, jobDurationMs: 0, fileSizes: { omni: 2_048 } });
  apiKeysUsed.push(...Object.values(sandbox.apiKeys));
  const dir = await mkdtemp(join(outDir, `${name}-`));
  const sandboxCpu = process.cpuUsage();
  try {
    const { reports, elapsedMs } = await runFleet({
      workers,
      jobsPerWorker,
      sandbox,
      redisUrl: redis.current.url,
      outDir: dir,
      speedUp: SPEED_UP,
      timeOrigin: TIME_ORIGIN,
      limit: LIMIT,
      windowMs: WINDOW_MS,
      ...(extra.clockSkewMs ? { clockSkewMs: extra.clockSkewMs } : {}),
      ...(extra.duringRun ? { duringRun: () => (extra.duringRun as (s: Sandbox) => Promise<void>)(sandbox) } : {}),
    });
    const files = reports.flatMap((r: FleetReport) => r.files);
    const errors = reports.flatMap((r: FleetReport) => r.errors);
    expect(errors).toEqual([]);
    // Every file is the one the sandbox made for its job, byte for byte.
    for (const file of files) expect(file.sha256).toBe((await sandbox.artifact('omni', file.jobId)).sha256);
    expect(new Set(files.map((f) => f.jobId)).size).toBe(files.length);
    const requests = sandbox.requestCount('omni');
    // The budget admits LIMIT requests per window, the first window at once.
    const minimumMs = Math.max(0, Math.ceil(requests / LIMIT) - 1) * WINDOW_MS;
    const figures = {
      jobs: workers * jobsPerWorker,
      completed: files.length,
      requests,
      overBudget: sandbox.requestCount('omni', { status: 429 }),
      elapsedMs,
      minimumMs,
    };
    const cpu = process.cpuUsage(sandboxCpu);
    console.log(
      `fleet ${name}: CPU ${reports.map((r) => r.cpuMs).join(' + ')} ms in the workers, ${Math.round((cpu.user + cpu.system) / 1000)} ms in the sandbox's process`,
    );
    console.log(
      `fleet ${name}: ${workers} worker processes x ${jobsPerWorker} Omni jobs, one key, ${LIMIT} req per ${WINDOW_MS} ms (scaled): ` +
        `${figures.completed}/${figures.jobs} completed, ${figures.overBudget} requests over budget (of ${requests}), ` +
        `${(elapsedMs / 1000).toFixed(1)} s vs ${(minimumMs / 1000).toFixed(1)} s least (${(elapsedMs / minimumMs).toFixed(2)}x)`,
    );
    return figures;
  } finally {
    await sandbox.close();
  }
}

describe('a fleet of worker processes on one Omni key, one budget in Redis', () => {
  it('4 workers x 250 jobs: 0 requests over budget, total time <= 1.1x the least the budget allows', async () => {
    const figures = await scenario('4x250', 4, 250);
    expect(figures.completed).toBe(1_000);
    expect(figures.overBudget).toBe(0);
    expect(figures.elapsedMs).toBeLessThanOrEqual(figures.minimumMs * 1.1);
  });

  it('Redis killed with kill -9 mid-run and restarted: still 0 over budget, every job completes', async () => {
    let outageMs = 0;
    const figures = await scenario('redis-kill-9', 4, 100, {
      duringRun: async (sandbox) => {
        // Bounded: the run makes ~1,200 requests; a third of them is reached within seconds.
        for (let i = 0; i < 3_000 && sandbox.requestCount('omni') < 400; i++) await delay(10);
        const killedAt = Date.now();
        await redis.current.kill9();
        await delay(1_000);
        await redis.current.restart();
        outageMs = Date.now() - killedAt;
      },
    });
    console.log(`fleet redis-kill-9: Redis down ${outageMs} ms (kill -9 at 400 requests, then restarted from its append-only file)`);
    expect(outageMs).toBeGreaterThanOrEqual(1_000);
    expect(figures.completed).toBe(400);
    expect(figures.overBudget).toBe(0);
  });

  it("one worker's clock 2 s ahead (injected): still 0 over budget", async () => {
    const figures = await scenario('clock-skew', 4, 100, { clockSkewMs: (worker) => (worker === 0 ? 2_000 : 0) });
    expect(figures.completed).toBe(400);
    expect(figures.overBudget).toBe(0);
  });

  it('no API key in Redis: every key, value and channel scanned', async () => {
    const { keys, text } = await dumpRedis(redis.current.url);
    console.log(`fleet no-key: ${keys.length} Redis keys scanned, ${apiKeysUsed.length} API keys looked for`);
    expect(keys.length).toBeGreaterThan(0);
    expect(apiKeysUsed.length).toBeGreaterThan(0);
    for (const apiKey of apiKeysUsed) {
      expect(text).not.toContain(apiKey);
      for (let at = 0; at + 12 <= apiKey.length; at += 6) expect(text).not.toContain(apiKey.slice(at, at + 12));
    }
  });
});
