import { mkdir } from 'node:fs/promises';
import type { ExportTask } from '../jobs/export-task.js';
import { runExport, type ExportJob, type ProgressEvent } from '../jobs/poller-api.js';
import type { VendorName } from '../options/vendor-name.js';

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
  /** One deadline for the start, the wait and the download together. */
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
 * Runs one task through the poller's export spine (start or resume → wait →
 * download). `onJob` hands the job out as soon as its id is known, so an
 * interruption can still print its resume token.
 */
export async function runExportTask(task: ExportTask, options: RunExportOptions): Promise<ExportOutcome> {
  const startedAt = Date.now();
  const { resumeToken } = options;
  // A resume token is checked (vendor, target) before the folder is made or anything is sent.
  const source = resumeToken === undefined ? task : { job: task.resume(resumeToken) };
  await mkdir(options.outDir, { recursive: true });
  const result = await runExport(source, {
    to: options.outDir,
    overwrite: options.overwrite,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    // The bytes of an interrupted transfer stay in a hidden partial file next
    // to (never at) the destination, so `--resume` continues instead of starting over.
    keepPartial: true,
    onJob: (job, how) => options.onJob?.(job, how.resumed),
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
