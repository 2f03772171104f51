import { RedisGovernor } from '@exportkit/redis-governor';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createExportProcessor, type ExportJobResult, type ExportProcessorOptions, STOPPING } from './export-processor.js';
import { LockLeases } from './lock-lease.js';
import type { ExportJobData } from './queued-export.js';
import { DEFAULT_QUEUE_NAME } from './queue-names.js';

export interface ExportWorkerOptions extends ExportProcessorOptions {
  /** The Redis: a `redis://` URL (the worker opens and closes its connections), or an ioredis connection you own. */
  redis: string | Redis;
  /** The queue's name (default `exportkit-exports`). */
  queueName?: string | undefined;
  /** Exports this worker runs at once (default 4). */
  concurrency?: number | undefined;
  /**
   * How long a job's lock lasts without renewal (default 30 s). A worker
   * killed mid-export frees its job after about this long (plus a stalled
   * check); a live one writes only while its lock is fresh.
   */
  lockDurationMs?: number | undefined;
  /** How often this worker looks for other workers' stalled jobs (default: the lock duration). */
  stalledIntervalMs?: number | undefined;
}

/** A running export worker. */
export interface ExportWorker {
  readonly worker: Worker<ExportJobData, ExportJobResult>;
  /**
   * Stops taking jobs, interrupts the running exports (each goes back to wait,
   * its resume token and partial file kept for the next worker) and closes.
   */
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker that runs export jobs through the spine. Without a
 * `governor` it shares a RedisGovernor on the same Redis, so every worker of
 * a fleet draws on one budget per vendor key. Keys come from `openExport`
 * (the worker's own config), never from the queue.
 */
export function startExportWorker(options: ExportWorkerOptions): ExportWorker {
  const lockDuration = options.lockDurationMs ?? 30_000;
  const ownsRedis = typeof options.redis === 'string';
  // BullMQ's workers block on Redis: they need a connection that never gives up on a command.
  const connection = typeof options.redis === 'string' ? new Redis(options.redis, { maxRetriesPerRequest: null }) : options.redis;
  const ownGovernor = options.governor === undefined ? new RedisGovernor({ redis: connection }) : undefined;
  const governor = options.governor ?? ownGovernor;
  const leases = new LockLeases(lockDuration);
  const processor = createExportProcessor({ ...options, governor }, leases);
  const worker = new Worker<ExportJobData, ExportJobResult>(options.queueName ?? DEFAULT_QUEUE_NAME, processor, {
    connection,
    concurrency: options.concurrency ?? 4,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? lockDuration,
    // A job stalls when its worker dies; one that stalls again and again is failed rather than retried forever.
    maxStalledCount: 3,
  });
  worker.on('locksRenewed', ({ jobIds }) => leases.renewed(jobIds));
  const loseLocks = (jobIds: string[]) => {
    leases.lost(jobIds);
    // Abort the export at once: another worker may be taking the job over.
    for (const id of jobIds) worker.cancelJob(id, 'lock lost');
  };
  worker.on('lockRenewalFailed', loseLocks);
  // A job of ours found stalled (this process was too slow to renew) is another worker's to take.
  worker.on('stalled', (jobId) => loseLocks([jobId]));
  // BullMQ reports connection trouble here; without a listener Node would crash the worker on it.
  worker.on('error', () => undefined);
  return {
    worker,
    async close() {
      worker.cancelAllJobs(STOPPING);
      await worker.close();
      await ownGovernor?.close();
      if (ownsRedis) connection.disconnect();
    },
  };
}
