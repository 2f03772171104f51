// Runs N omni-worker processes against one sandbox and one Redis, all on one
// Omni key, and gathers what they report.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@exportkit/sandbox';

export interface FleetReport {
  worker: number;
  doneAt: number;
  files: { jobId: string; file: string; sha256: string }[];
  errors: string[];
}

export interface FleetRun {
  workers: number;
  jobsPerWorker: number;
  sandbox: Sandbox;
  redisUrl: string;
  outDir: string;
  speedUp: number;
  timeOrigin: number;
  limit: number;
  windowMs: number;
  /** Milliseconds each worker's clock is ahead (default 0). */
  clockSkewMs?: (worker: number) => number;
  /** Called once every worker has started its jobs; the run ends when it and the workers are done. */
  duringRun?: () => Promise<void>;
}

const WORKER = fileURLToPath(new URL('./omni-worker.mjs', import.meta.url));

function startWorker(run: FleetRun, worker: number): { child: ChildProcess; ready: Promise<void>; report: Promise<FleetReport> } {
  const child = spawn(process.execPath, [WORKER], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      REDIS_URL: run.redisUrl,
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
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const report = new Promise<FleetReport>((resolve, reject) => {
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { ready?: boolean } & FleetReport;
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
export async function runFleet(run: FleetRun): Promise<{ reports: FleetReport[]; startedAt: number; elapsedMs: number }> {
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
