/**
 * Vendor exports on a BullMQ queue: `addExport` enqueues (the same export is
 * never queued twice), `startExportWorker` runs them through the export
 * spine with the resume token kept in the job, so a worker that dies is
 * replaced by another that continues the same vendor job and the same bytes.
 *
 * @module @exportkit/queue
 */
export { addExport, type AddedExport } from './add-export.js';
export {
  createExportProcessor,
  STOPPING,
  type ExportJobResult,
  type ExportProcessorOptions,
  type ExportWorkerEvent,
  type OpenedExport,
} from './export-processor.js';
export { openExportQueue, type OpenedExportQueue } from './export-queue.js';
export { startExportWorker, type ExportWorker, type ExportWorkerOptions } from './export-worker.js';
export { LockLeases } from './lock-lease.js';
export { queueJobStore } from './queue-job-store.js';
export { DEFAULT_QUEUE_NAME } from './queue-names.js';
export { checkQueuedExport, exportJobId, type ExportJobData, type QueuedExport } from './queued-export.js';
// The fleet's shared budget, for workers that build their own (with --rate-limit quotas).
export { RedisGovernor, type RedisGovernorOptions } from '@exportkit/redis-governor';
