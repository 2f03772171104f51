// Runs N omni-worker processes against one sandbox and one Redis, all on one
// Omni key, and gathers what they report. Plain JavaScript (types in
// run-fleet.d.mts) so that `pnpm test:fleet` and `pnpm bench` run the same fleet.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./omni-worker.mjs', import.meta.url));

function startWorker(run, worker) {
  const child = spawn(process.execPath, [WORKER], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      GOVERNOR: run.governor ?? 'redis',
      REDIS_URL: run.redisUrl ?? '',
      OMNI_BASE_URL: run.sandbox.baseUrls.omni,
      // The key travels in the environment, not on the command line (ps shows that).
      OMNI_API_KEY: run.sandbox.apiKeys.omni,
      JOBS: String(run.jobsPerWorker),
      WORKER: String(worker),
      OUT_DIR: run.outDir,
      SPEED_UP: String(run.speedUp),
      TIME_ORIGIN: String(run.timeOrigin),
      LIMIT: String(run.limit),
      WINDOW_MS: String(run.windowMs),
      CLOCK_SKEW_MS: String(run.clockSkewMs?.(worker) ?? 0),
    },
  });
  const lines = createInterface({ input: child.stdout });
  let markReady = () => undefined;
  const ready = new Promise((resolve) => (markReady = resolve));
  const report = new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const parsed = JSON.parse(line);
      if (parsed.ready) markReady();
      else resolve(parsed);
    });
    child.once('exit', (code, signal) => reject(new Error(`worker ${worker} exited (${code ?? signal}) without a report`)));
  });
  // A worker that dies before it is ready must not leave `ready` hanging.
  report.catch(() => markReady());
  return { child, ready, report };
}

/** Starts the workers, waits until all are set up, starts them at once, and returns their reports and the wall time from the start. */
export async function runFleet(run) {
  const workers = Array.from({ length: run.workers }, (_, i) => startWorker(run, i));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const startedAt = Date.now();
    for (const w of workers) w.child.stdin?.write('go\n');
    const [reports] = await Promise.all([Promise.all(workers.map((w) => w.report)), run.duringRun?.()]);
    return { reports, startedAt, elapsedMs: Math.max(...reports.map((r) => r.doneAt)) - startedAt };
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  }
}
