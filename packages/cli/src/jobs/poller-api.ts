// The only module that names the poller's API: when its shape changes, this
// file changes and nothing else.
export {
  createFileJobStore,
  decodeResumeToken,
  encodeResumeToken,
  resumeExport,
  runExport,
  type ExportJob,
  type Governor,
  type JobOptions,
  type JobStore,
  type JobState,
  RateLimitGovernor,
  type RateLimitPolicy,
  type ProgressEvent,
  type ResumeToken,
  type VendorAdapter,
} from '@exportkit/poller';
export { closientAdapter, startClosientExport } from '@exportkit/poller/closient';
export { omniAdapter, startOmniExport } from '@exportkit/poller/omni';
export { startVideoDBExport, videoDBAdapter } from '@exportkit/poller/videodb';
