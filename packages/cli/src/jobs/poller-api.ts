// The only module that names the poller's API: when its shape changes, this
// file changes and nothing else.
export {
  decodeResumeToken,
  encodeResumeToken,
  resumeExport,
  startClosientExport,
  startOmniExport,
  startVideoDBExport,
  type ExportJob,
  type JobState,
  type ProgressEvent,
  type VendorClients,
  type VendorName,
} from '@exportkit/poller';
export { downloadJob, type DownloadResult } from '@exportkit/poller/node';
