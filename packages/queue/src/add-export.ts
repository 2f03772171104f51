import type { Job, JobsOptions, Queue } from 'bullmq';
import { checkQueuedExport, exportJobId, type ExportJobData, type QueuedExport } from './queued-export.js';

/** What adding an export did: the queue job, and whether this call added it or it was already there. */
export interface AddedExport {
  job: Job<ExportJobData>;
  added: boolean;
}

/**
 * Enqueues an export; starts nothing at the vendor (a worker does). The job
 * id is the export's hash, so the same export added again — a re-run of the
 * same manifest, two producers — is not queued twice while its job is kept.
 */
export async function addExport(queue: Queue<ExportJobData>, request: QueuedExport, options: Omit<JobsOptions, 'jobId'> = {}): Promise<AddedExport> {
  const checked = checkQueuedExport(request);
  const jobId = exportJobId(checked);
  const existing = await queue.getJob(jobId);
  if (existing) return { job: existing as Job<ExportJobData>, added: false };
  // Between that look and this add another producer may add it: BullMQ keeps the first.
  const job = (await queue.add(checked.vendor, { export: checked } satisfies ExportJobData, { ...options, jobId })) as Job<ExportJobData>;
  return { job, added: true };
}
