import { ExportkitError } from '@exportkit/core';
import type { JobState } from '../export/job-state.js';

/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class AbortedError<S = JobState> extends ExportkitError {
  override name = 'AbortedError';
  readonly job: S | undefined;

  constructor(job: S | undefined, reason?: unknown) {
    super('aborted', 'The export was aborted', { cause: reason });
    this.job = job;
  }
}
