import { mkdir } from 'node:fs/promises';
import type { ExportTask } from '../jobs/export-task.js';
import { downloadJob, type ExportJob, type ProgressEvent, type VendorName } from '../jobs/poller-api.js';

/** What a finished export tells the user: the `--json` fields plus its time. */
export interface ExportOutcome {
  vendor: VendorName;
  jobId: string;
  status: string;
  file: string;
  bytes: number;
  sha256: string;
  elapsedMs: number;
}

export interface RunExportOptions {
  outDir: string;
  overwrite: boolean;
  /** One deadline for the wait and the download together. */
  timeoutMs: number;
  signal: AbortSignal;
  /** The `--resume` token, when continuing an interrupted run. */
  resumeToken?: string | undefined;
  onJob?(job: ExportJob, resumed: boolean): void;
  onProgress?(event: ProgressEvent): void;
  /** The poller's wait before its next status call. */
  onWait?(wait: { delayMs: number }): void;
}

/**
 * Starts (or resumes) a job, waits for it and writes its file. `onJob` hands
 * the job handle out as soon as it exists, so an interruption can still print
 * its resume token.
 */
export async function runExportTask(task: ExportTask, options: RunExportOptions): Promise<ExportOutcome> {
  const startedAt = Date.now();
  const { signal, resumeToken } = options;
  const job = resumeToken === undefined ? await task.start(signal) : task.resume(resumeToken);
  options.onJob?.(job, resumeToken !== undefined);
  await mkdir(options.outDir, { recursive: true });
  const result = await downloadJob(job, {
    to: options.outDir,
    overwrite: options.overwrite,
    signal,
    timeoutMs: options.timeoutMs,
    // The bytes of an interrupted transfer stay in a hidden partial file next
    // to (never at) the destination, so `--resume` continues instead of starting over.
    keepPartial: true,
    onProgress: options.onProgress,
    onWait: options.onWait,
  });
  return {
    vendor: task.vendor,
    jobId: result.job.id,
    status: result.job.state,
    file: result.file,
    bytes: result.bytes,
    sha256: result.sha256,
    elapsedMs: Date.now() - startedAt,
  };
}
