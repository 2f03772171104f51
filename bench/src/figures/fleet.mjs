// Figure 8. A fleet on one key: N worker PROCESSES sharing one Omni key
// through a RedisGovernor (a real redis-server, started here) against one
// process running the same jobs under its own RateLimitGovernor. Both are
// bound by the same budget, so the fleet should take no longer than the one
// process (the shared budget costs a Redis round trip per decision, not
// throughput), and neither may collect a 429. Time is scaled 100x as in figure 5.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@exportkit/sandbox';
import { startRedisServer } from '@exportkit/testkit/redis-server';
// The fleet the `pnpm test:fleet` scenarios run, so both measure one thing.
import { runFleet } from '../../../packages/redis-governor/test/fleet/run-fleet.mjs';

const LIMIT = 60;
const SPEED_UP = 100;
const WINDOW_MS = 60_000 / SPEED_UP;

/** One run of `workers` processes × `jobsPerWorker` Omni exports on a fresh sandbox (a fresh key). */
async function measure({ workers, jobsPerWorker, governor, redisUrl }) {
  const origin = Date.now();
  const sandbox = await startSandbox({ now: () => origin + (Date.now() - origin) * SPEED_UP, jobDurationMs: 0, fileSizes: { omni: 2_048 } });
  const outDir = await mkdtemp(join(tmpdir(), 'exportkit-bench-fleet-'));
  try {
    const { reports, elapsedMs } = await runFleet({
      workers, jobsPerWorker, sandbox, governor, redisUrl, outDir, speedUp: SPEED_UP, timeOrigin: origin, limit: LIMIT, windowMs: WINDOW_MS,
    });
    const failed = reports.reduce((n, r) => n + r.errors.length, 0);
    if (failed > 0) throw new Error(`${failed} fleet jobs failed: ${reports.flatMap((r) => r.errors)[0]}`);
    const requests = sandbox.requestCount('omni');
    return { elapsedMs, requests, tooMany: sandbox.requestCount('omni', { status: 429 }), minimumMs: Math.max(0, Math.ceil(requests / LIMIT) - 1) * WINDOW_MS };
  } finally {
    await sandbox.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

export default {
  id: 'fleet',
  title: '8. A fleet on one key',
  async run({ smoke }) {
    const workers = smoke ? 2 : 4;
    const jobs = smoke ? 100 : 1_000;
    const redis = await startRedisServer();
    try {
      const fleet = await measure({ workers, jobsPerWorker: jobs / workers, governor: 'redis', redisUrl: redis.url });
      const single = await measure({ workers: 1, jobsPerWorker: jobs, governor: 'local' });
      const ratio = fleet.elapsedMs / single.elapsedMs;
      return [
        {
          measure: `${jobs} Omni exports on one key, ${LIMIT} req per ${WINDOW_MS} ms (scaled): 429s, ${workers} worker processes (RedisGovernor) vs one process`,
          ours: String(fleet.tooMany),
          baseline: String(single.tooMany),
          ratio: undefined,
          target: '0',
          met: fleet.tooMany === 0 && single.tooMany === 0,
        },
        {
          measure: `total time, ${workers} worker processes vs one process (the least the budget allows: ${(fleet.minimumMs / 1000).toFixed(1)} s)`,
          ours: `${(fleet.elapsedMs / 1000).toFixed(1)} s`,
          baseline: `${(single.elapsedMs / 1000).toFixed(1)} s`,
          ratio,
          target: '≤ 1.10',
          met: ratio <= 1.1,
        },
      ];
    } finally {
      await redis.stop();
    }
  },
};
