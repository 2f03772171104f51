import { ExportkitError } from '@exportkit/core';
import type { JobState } from '../export/job-state.js';

/** The deadline passed before the job finished. The job may still finish: resume it with its token. */
export class PollTimeoutError<S = JobState> extends ExportkitError {
  override name = 'PollTimeoutError';
  readonly job: S | undefined;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, job: S | undefined) {
    super('timeout', `Gave up after ${timeoutMs} ms; the job was last seen ${describeState(job)}`);
    this.job = job;
    this.timeoutMs = timeoutMs;
  }
}

function describeState(job: unknown): string {
  const state = (job as { state?: unknown } | undefined)?.state;
  return typeof state === 'string' ? state : 'never (no answer yet)';
}
