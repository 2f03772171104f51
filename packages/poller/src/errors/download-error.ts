import { ExportkitError } from '@exportkit/core';
import type { JobState } from '../export/job-state.js';

/** Why writing the file failed, for callers who branch on it. */
export type DownloadFailure =
  | 'exists'
  | 'size_mismatch'
  | 'invalid_url'
  | 'invalid_filename'
  | 'url_expired'
  | 'no_file'
  | 'interrupted'
  /** `mayWrite` said no: this process no longer owns the partial file (a queue worker lost its job's lock). */
  | 'write_refused';

/** The job succeeded but its file could not be fetched or written safely. */
export class DownloadError extends ExportkitError {
  override name = 'DownloadError';
  readonly reason: DownloadFailure;
  readonly job: JobState | undefined;

  constructor(reason: DownloadFailure, message: string, job?: JobState, options?: { cause?: unknown }) {
    super('download_error', message, options);
    this.reason = reason;
    this.job = job;
  }
}
