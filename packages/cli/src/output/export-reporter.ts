import type { ExportJob, ProgressEvent } from '../jobs/poller-api.js';

/** What the runner tells the person watching one export. */
export interface ExportReporter {
  /** The job exists (started or resumed). */
  job(job: ExportJob, resumed: boolean): void;
  /** A state change or bytes written, straight from the poller. */
  progress(event: ProgressEvent): void;
  /** The poller will wait `delayMs` before its next status call. */
  waiting?(delayMs: number): void;
  /** The export ended, well or not: live lines stop here. */
  end(outcome: 'done' | 'failed'): void;
}

/** `--quiet` and `--json`: nothing but the result. */
export const SILENT_REPORTER: ExportReporter = {
  job: () => {},
  progress: () => {},
  end: () => {},
};
