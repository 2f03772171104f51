import type { QueueModule } from '../jobs/queue-api.js';
import type { BatchJob } from './manifest-entry.js';

/** How one manifest line was handed to the fleet. */
export interface EnqueuedLine {
  job: BatchJob;
  queueJobId: string;
  /** False when the same export was already in the queue (a re-run of the manifest). */
  added: boolean;
}

/**
 * Adds every line to the fleet's queue: nothing is sent to a vendor here, and
 * no key goes into the queue (each worker brings its own). The destination is
 * the absolute folder, which every worker must see at the same path.
 */
export async function enqueueBatch(
  queue: QueueModule,
  redisUrl: string,
  queueName: string,
  jobs: readonly BatchJob[],
  onLine: (line: EnqueuedLine) => void,
): Promise<EnqueuedLine[]> {
  const opened = queue.openExportQueue(redisUrl, queueName);
  try {
    const lines: EnqueuedLine[] = [];
    for (const job of jobs) {
      const request = { vendor: job.entry.vendor, inputs: job.entry.inputs, to: job.outDir, key: job.journalKey, ...(job.entry.saveAs ? { saveAs: job.entry.saveAs } : {}) };
      const { job: queued, added } = await queue.addExport(opened.queue, request);
      const line = { job, queueJobId: queued.id as string, added };
      lines.push(line);
      onLine(line);
    }
    return lines;
  } finally {
    await opened.close();
  }
}
