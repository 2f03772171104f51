/**
 * Node-only half of the poller: stream a finished job's file to disk safely, and the one-call export functions.
 *
 * @module @exportkit/poller/node
 */
// Node-only: writing the finished file to disk. Everything else is in the main entry.
export { downloadJob, type DownloadOptions, type DownloadResult } from './node/download-job.js';
export {
  exportClosientOrg,
  exportOmniDashboard,
  exportVideoDBDownload,
  resumeDownload,
  type ClosientExportResult,
  type ExportOptions,
} from './node/export-functions.js';
export { parseContentDisposition } from './download/parse-content-disposition.js';
export { MAX_FILENAME_BYTES, sanitizeFilename } from './download/sanitize-filename.js';
