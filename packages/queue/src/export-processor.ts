import { mkdir } from 'node:fs/promises';
import { decodeResumeToken, runExport, type ExportJob, type Governor, type JobOptions, type ProgressEvent, type ResumeToken } from '@exportkit/poller';
import { type Job, WaitingError } from 'bullmq';
import type { LockLeases } from './lock-lease.js';
import { queueJobStore } from './queue-job-store.js';
import { checkQueuedExport, type ExportJobData, type QueuedExport } from './queued-export.js';

/** How a worker makes a queued export runnable: with its own clients and keys. */
export interface OpenedExport {
  /** Starts the vendor job (the first worker to take the queue job). */
  start(signal: AbortSignal): Promise<ExportJob>;
  /** Attaches to the vendor job a token in the queue job names (a worker after a crash). */
  resume(token: ResumeToken): ExportJob;
}

/** What a queue job's return value holds once its file is written. */
export interface ExportJobResult {
  vendor: string;
  jobId: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** What a worker reports about the exports it runs (for its log). */
export type ExportWorkerEvent =
  | { type: 'job'; queueJobId: string; request: QueuedExport; job: ExportJob; resumed: boolean }
  | { type: 'progress'; queueJobId: string; request: QueuedExport; event: ProgressEvent }
  | { type: 'saved'; queueJobId: string; request: QueuedExport; result: ExportJobResult }
  | { type: 'failed'; queueJobId: string; request: QueuedExport; error: unknown }
  | { type: 'released'; queueJobId: string; request: QueuedExport; reason: 'lock lost' | 'stopping' };

export interface ExportProcessorOptions {
  /** Binds a queued export to the worker's client for its vendor; `jobOptions` carries the shared governor. */
  openExport(request: QueuedExport, jobOptions: JobOptions): OpenedExport;
  /** The rate budget every export of this worker uses (a fleet's: a RedisGovernor on the same Redis). */
  governor?: Governor | undefined;
  /** One deadline for each export's start, wait and download (default: the poller's). */
  timeoutMs?: number | undefined;
  onEvent?: ((event: ExportWorkerEvent) => void) | undefined;
}

/** Why the worker aborted a job: its lock is gone, or the worker is closing. */
export const STOPPING = 'worker stopping';

/**
 * The BullMQ processor of export jobs: the export spine (`runExport`) with
 * the journal kept in the queue job (the resume token, never a key), the
 * partial file kept for whoever continues, and writes allowed only while this
 * worker's lock on the job is fresh. A job whose lock was lost is left to its
 * new owner; one interrupted by the worker closing goes back to wait, its
 * token kept, for the next worker to continue.
 */
export function createExportProcessor(options: ExportProcessorOptions, leases: LockLeases) {
  return async (job: Job<ExportJobData>, lockToken?: string, signal?: AbortSignal): Promise<ExportJobResult> => {
    const request = checkQueuedExport(job.data.export);
    const queueJobId = job.id as string;
    const jobOptions: JobOptions = options.governor ? { governor: options.governor } : {};
    const opened = options.openExport(request, jobOptions);
    const emit = (event: ExportWorkerEvent) => options.onEvent?.(event);
    leases.taken(queueJobId);
    try {
      await mkdir(request.to, { recursive: true });
      const result = await runExport(
        // A token read back from Redis is checked like any other before use.
        { start: (s) => opened.start(s), resume: (token) => opened.resume(decodeResumeToken(JSON.stringify(token))) },
        {
          ...jobOptions,
          journal: { store: queueJobStore(job), key: request.key },
          to: request.to,
          filename: request.saveAs,
          keepPartial: true,
          mayWrite: () => !signal?.aborted && leases.mayWrite(queueJobId),
          signal,
          timeoutMs: options.timeoutMs,
          onJob: (started, how) => emit({ type: 'job', queueJobId, request, job: started, resumed: how.resumed }),
          onProgress: (event) => emit({ type: 'progress', queueJobId, request, event }),
        },
      );
      const saved = { vendor: request.vendor, jobId: result.job.id, file: result.file, bytes: result.bytes, sha256: result.sha256 };
      emit({ type: 'saved', queueJobId, request, result: saved });
      return saved;
    } catch (error) {
      if (!leases.mayWrite(queueJobId)) {
        // Another worker may hold the job now: change nothing of it.
        emit({ type: 'released', queueJobId, request, reason: 'lock lost' });
        throw new WaitingError();
      }
      if (signal?.aborted && signal.reason === STOPPING) {
        await job.moveToWait(lockToken);
        emit({ type: 'released', queueJobId, request, reason: 'stopping' });
        throw new WaitingError();
      }
      emit({ type: 'failed', queueJobId, request, error });
      throw error;
    } finally {
      leases.released(queueJobId);
    }
  };
}
