import { createTaskFactory, type VendorServers } from '../batch/batch-jobs.js';
import { parseRecord } from '../batch/parse-manifest.js';
import { encodeResumeToken, type ExportJob, type Governor, type ResumeToken } from '../jobs/poller-api.js';

/** What the queue hands a worker: the export's vendor and inputs (never a key). */
export interface QueuedRequest {
  vendor: string;
  inputs: Record<string, string>;
}

/** A queued export bound to this worker's client: start its vendor job, or continue the one a token names. */
export interface OpenedTask {
  start(signal: AbortSignal): Promise<ExportJob>;
  resume(token: ResumeToken): ExportJob;
}

/**
 * How this worker opens a queued export: the request checked by the
 * manifest's own rules (it came from Redis: anything could be there), then
 * bound to this worker's client for its vendor — made with the worker's own
 * key and servers, sharing the fleet's governor.
 */
export function workerTaskOpener(servers: VendorServers, env: NodeJS.ProcessEnv, governor: Governor) {
  const taskOf = createTaskFactory('queued export', { outDir: '.', servers, env, jobOptions: { governor } });
  return (request: QueuedRequest): OpenedTask => {
    const entry = parseRecord('queued export', { line: 0, fields: { vendor: request.vendor, ...request.inputs } });
    const task = taskOf(entry);
    return { start: (signal) => task.start(signal), resume: (token) => task.resume(encodeResumeToken(token)) };
  };
}
