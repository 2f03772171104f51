import type { Sandbox } from '@exportkit/sandbox';

/** What one worker process reports when its jobs are done. */
export interface FleetReport {
  worker: number;
  /** Date.now() when its last job ended. */
  doneAt: number;
  /** CPU time the worker process used, start-up included. */
  cpuMs: number;
  files: { jobId: string; file: string; sha256: string }[];
  errors: string[];
}

export interface FleetRun {
  workers: number;
  jobsPerWorker: number;
  sandbox: Sandbox;
  /** 'redis' (default): one RedisGovernor per worker; 'local': each worker's own RateLimitGovernor. */
  governor?: 'redis' | 'local';
  redisUrl?: string;
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

/** Starts the workers, waits until all are set up, starts them at once, and returns their reports and the wall time from the start to the last job's end. */
export declare function runFleet(run: FleetRun): Promise<{ reports: FleetReport[]; startedAt: number; elapsedMs: number }>;
