/** What every vendor's job has: who started it, when, and how it will end. */
export interface TimedJob {
  id: string;
  apiKey: string;
  createdAt: number;
  durationMs: number;
  /** The job will end failed (the `job-fails` fault). */
  fails: boolean;
}

export type JobPhase = 'running' | 'succeeded' | 'failed';

/** Where a job is at clock time `now`: jobs are pure functions of the clock, so a virtual clock drives them. */
export function jobPhase(job: TimedJob, now: number): JobPhase {
  if (now - job.createdAt < job.durationMs) return 'running';
  return job.fails ? 'failed' : 'succeeded';
}

/** How far a running job is, 0..1 (Closient reports `pending` for the first third). */
export function jobProgress(job: TimedJob, now: number): number {
  if (job.durationMs <= 0) return 1;
  return Math.min(1, Math.max(0, (now - job.createdAt) / job.durationMs));
}

/** The clock time the job ended (or will end). */
export const jobEndsAt = (job: TimedJob): number => job.createdAt + job.durationMs;

/** Makes a job fail now (the `job-fails` fault at poll or download). */
export function failNow(job: TimedJob, now: number): void {
  job.fails = true;
  if (jobPhase(job, now) === 'running') job.durationMs = Math.max(0, now - job.createdAt);
}
