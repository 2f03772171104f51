/**
 * Start a vendor export job and wait for it politely; runs on any fetch runtime.
 *
 * @module @exportkit/poller
 */
// The polling half of exportkit: runs on any fetch runtime (no node: imports
// are reachable from here). Writing files lives in `@exportkit/poller/node`.
export type { JobState, JobStatus, Logger, ProgressEvent, VendorName } from './engine/job-state.js';
export { backoffDelay, DEFAULT_MAX_DELAY_MS, DEFAULT_MIN_DELAY_MS, type BackoffOptions } from './engine/backoff.js';
export { classifyError, type ErrorVerdict } from './engine/classify-error.js';
export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  pollUntil,
  type PollUntilOptions,
  type WaitOptions,
} from './engine/poll-until.js';
export { retryCall, type RetryCallOptions } from './engine/retry-call.js';
export { clampDelay, MAX_TIMER_MS, systemClock, systemSleep, type Clock, type Random, type Sleep, type TimeSources } from './engine/time.js';
export { AbortedError } from './errors/aborted-error.js';
export { DownloadError, type DownloadFailure } from './errors/download-error.js';
export { JobFailedError } from './errors/job-failed-error.js';
export { PollTimeoutError } from './errors/poll-timeout-error.js';
export { ConcurrencyLimit } from './governor/concurrency-limit.js';
export {
  DEFAULT_RATE_LIMITS,
  defaultGovernor,
  RateLimitGovernor,
  type RateLimitGovernorOptions,
} from './governor/rate-limit-governor.js';
export type { RateLimitPolicy } from './governor/sliding-window.js';
export type { Settle } from './governor/key-budget.js';
export { closientSections, resumeClosientExport, startClosientExport, type ClosientExportRequest } from './vendors/closient.js';
export { ExportJob, type FileRequest, type JobDriver, type JobWaitOptions } from './vendors/export-job.js';
export type { JobContext, JobOptions } from './vendors/job-context.js';
export { resumeOmniExport, startOmniExport, type OmniExportRequest, type StartOptions } from './vendors/omni.js';
export { resumeExport, type VendorClients } from './vendors/resume-export.js';
export { decodeResumeToken, encodeResumeToken, parseResumeToken, type ResumeToken } from './vendors/resume-token.js';
export {
  resumeVideoDBExport,
  retryVideoDBExport,
  startVideoDBExport,
  type VideoDBExportRequest,
} from './vendors/videodb.js';
export type { ClosientClient } from '@exportkit/closient';
export type { OmniClient } from '@exportkit/omni';
export type { VideoDBClient } from '@exportkit/videodb';
