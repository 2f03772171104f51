/** One lifecycle vocabulary for every vendor's own. */
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed';

/** A vendor's job, normalised. `raw` is the vendor's last status body, untouched. */
export interface JobState {
  /** The adapter's vendor name: `omni`, `videodb`, `closient`, or your own adapter's. */
  vendor: string;
  id: string;
  state: JobStatus;
  /** Where the finished file is: a signed URL (Closient, VideoDB) or the vendor's own endpoint (Omni). */
  downloadUrl?: string;
  /** ISO-8601 instant after which `downloadUrl` stops working. */
  expiresAt?: string;
  /** The vendor's suggested file name (not yet sanitised). */
  filename?: string;
  /** The vendor's own size of the file, in bytes, when it states one. */
  size?: number;
  /** Why the job failed, in the vendor's words. */
  error?: string;
  raw: unknown;
}

/** What `onProgress` receives: a job state change, or bytes written. */
export type ProgressEvent = { type: 'state'; job: JobState } | { type: 'bytes'; received: number; total?: number };

/** Where the poller reports things worth knowing but not worth failing for. */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}
