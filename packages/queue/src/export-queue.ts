import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ExportJobData } from './queued-export.js';
import { DEFAULT_QUEUE_NAME } from './queue-names.js';

/** A queue to `addExport` to, on its own connection, and how to close both. */
export interface OpenedExportQueue {
  queue: Queue<ExportJobData>;
  close(): Promise<void>;
}

/** Opens the export queue on a `redis://` URL (for producers: `addExport(opened.queue, …)`). */
export function openExportQueue(redisUrl: string, queueName: string = DEFAULT_QUEUE_NAME): OpenedExportQueue {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ExportJobData>(queueName, { connection });
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
