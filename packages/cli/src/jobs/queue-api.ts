// The only module that names the queue's API, for `batch --redis` and `worker`.
import { UsageError } from '../exit/usage-error.js';

export type QueueModule = typeof import('@exportkit/queue');

/**
 * Loaded on demand, and an optional peer: the fleet brings BullMQ and a
 * Redis client that exporting on one machine never needs, so
 * `npm i @exportkit/cli` does not install them. Without it, `batch --redis`
 * and `worker` say in one line what to install.
 */
export async function loadQueue(): Promise<QueueModule> {
  try {
    return await import('@exportkit/queue');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new UsageError('@exportkit/queue', 'is not installed: run `npm install @exportkit/queue` beside @exportkit/cli for `exportkit batch --redis` and `exportkit worker`');
  }
}
