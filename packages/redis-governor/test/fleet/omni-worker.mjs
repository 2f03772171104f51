// One worker process of the fleet: runs its share of Omni exports with
// exportOmniDashboard under a RedisGovernor (or, with GOVERNOR=local, the
// in-process RateLimitGovernor: the one-process baseline of `pnpm bench`), on time running SPEED_UP times
// fast (as the sandbox's), and reports one JSON line. Plain JavaScript on the
// built packages: it runs as a child process, outside vitest.
//
// Environment: REDIS_URL (unless GOVERNOR=local), OMNI_BASE_URL, OMNI_API_KEY, JOBS, WORKER, OUT_DIR,
// SPEED_UP, TIME_ORIGIN (ms; shared with the sandbox's clock), LIMIT,
// WINDOW_MS (the governor's scaled budget), CLOCK_SKEW_MS (this worker's
// clock ahead of the others').
// It prints {"ready":true} once set up and starts on a line on stdin.
import { setTimeout as delay } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { RedisGovernor } from '@exportkit/redis-governor';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`omni-worker: set ${name}`);
  return value;
};
const speed = Number(env('SPEED_UP'));
const origin = Number(env('TIME_ORIGIN'));
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const worker = Number(env('WORKER'));
const jobs = Number(env('JOBS'));

// Scaled time for the poller (deadlines, poll delays), read by the sandbox too;
// the skew is this machine's clock being wrong.
const clock = () => origin + (Date.now() - origin) * speed + skew;
const sleep = (ms, signal) =>
  delay(ms / speed, undefined, { signal }).catch((error) => {
    throw signal?.aborted ? signal.reason : error;
  });

const limits = { omni: [{ limit: Number(env('LIMIT')), windowMs: Number(env('WINDOW_MS')) }] };
// The Redis governor runs on Redis's clock (real time: WINDOW_MS is already scaled); the local one on this process's.
const governor =
  process.env.GOVERNOR === 'local'
    ? new RateLimitGovernor({ limits, downloadConcurrency: 16, clock: () => Date.now() + skew, sleep: (ms, signal) => sleep(ms * speed, signal) })
    : new RedisGovernor({ redis: env('REDIS_URL'), limits, downloadConcurrency: 16, clock });
const omni = createOmniClient({ apiKey: env('OMNI_API_KEY'), baseUrl: env('OMNI_BASE_URL') });
const hour = 3_600_000;
const options = {
  to: env('OUT_DIR'),
  governor,
  clock,
  sleep,
  // Scaled: an hour here is 36 s of wall clock. A Redis outage or a loaded machine must not trip these.
  timeoutMs: 24 * hour,
  requestTimeoutMs: hour,
  stallTimeoutMs: hour,
  minDelayMs: 1_000,
  maxDelayMs: 30_000,
};

// Set up as a long-lived worker would be: Redis connected, its scripts loaded,
// the wake connection open (one grant of a budget of its own, never the Omni key's).
if (governor instanceof RedisGovernor) (await governor.reserve({ vendor: 'warm-up', keyId: `worker-${worker}`, quotas: [] }))();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const go = createInterface({ input: process.stdin });
await new Promise((resolve) => go.once('line', resolve));
// An open stdin would keep this process alive after its report.
go.close();
process.stdin.destroy();

const results = await Promise.allSettled(
  Array.from({ length: jobs }, (_, i) =>
    exportOmniDashboard(omni, { dashboardId: `fleet-dashboard-${worker}-${i}`, body: { format: 'pdf' } }, { ...options, filename: `w${worker}-${i}.pdf` }),
  ),
);
const doneAt = Date.now();
await governor.close?.();
const files = results.filter((r) => r.status === 'fulfilled').map((r) => ({ jobId: r.value.job.id, file: r.value.file, sha256: r.value.sha256 }));
const errors = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason).slice(0, 300));
const { user, system } = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ worker, doneAt, cpuMs: Math.round((user + system) / 1000), files, errors })}\n`);
