/**
 * Run vendor export jobs end to end — start, wait politely, download safely —
 * for any vendor adapter. Names no vendor: each vendor's lifecycle is its own
 * subpath (`@exportkit/poller/omni`, `/videodb`, `/closient`).
 *
 * @module @exportkit/poller
 */
export { runExport, type ExportJournal, type ExportResult, type ExportSource, type RunExportOptions } from './export/run-export.js';
export { createFileJobStore, type JobStore } from './export/job-store.js';
export { ExportJob, type JobWaitOptions } from './export/export-job.js';
export type { JobOptions } from './export/job-context.js';
export type { JobState, JobStatus, Logger, ProgressEvent } from './export/job-state.js';
export type { Clock, Random, Sleep } from './internal/time.js';
export { resumeExport } from './export/resume-export.js';
export { decodeResumeToken, encodeResumeToken, type ResumeToken } from './export/resume-token.js';
export type { VendorAdapter } from './export/vendor-adapter.js';
export type { BudgetKey, Governor, Settle } from './governor/governor.js';
export { RateLimitGovernor, type RateLimitGovernorOptions } from './governor/rate-limit-governor.js';
export type { RateLimitPolicy } from './governor/sliding-window.js';
export { pollUntil, type PollUntilOptions } from './internal/poll-until.js';
export { AbortedError } from './errors/aborted-error.js';
export { DownloadError, type DownloadFailure } from './errors/download-error.js';
export { JobFailedError } from './errors/job-failed-error.js';
export { PollTimeoutError } from './errors/poll-timeout-error.js';
export { UnreadableAnswerError } from './errors/unreadable-answer-error.js';
