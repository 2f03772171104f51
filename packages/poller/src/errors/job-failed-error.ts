import { ExportkitError } from '@exportkit/core';
import type { JobState } from '../export/job-state.js';

/** The vendor reported the job failed. `job` is the last state seen (its `raw` has the vendor's words). */
export class JobFailedError<S = JobState> extends ExportkitError {
  override name = 'JobFailedError';
  readonly job: S | undefined;

  constructor(message: string, job: S | undefined) {
    super('job_failed', message);
    this.job = job;
  }
}
