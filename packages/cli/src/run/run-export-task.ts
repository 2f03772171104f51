import { mkdir } from 'node:fs/promises';
import type { ExportTask } from '../jobs/export-task.js';
import {
  createFileJobStore,
  encodeResumeToken,
  runExport,
  type ExportJob,
  type JobStore,
  type ProgressEvent,
  type Governor,
  type ResumeToken,
} from '../jobs/poller-api.js';
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
  /**
   * Crash-only: record the job in the destination folder's journal under this
   * key and continue a recorded one (the demo, on a throwaway sandbox, keeps none).
   */
  journalKey?: string | undefined;
  /** With a journal: start a new job all the same (`--fresh`). */
  fresh?: boolean | undefined;
  /** Where the journal lives (default: a file store in `outDir`; a queue worker keeps it in the queue's job). */
  journalStore?: JobStore | undefined;
  /** The file name to write instead of the vendor's (a manifest's `saveAs`). */
  filename?: string | undefined;
  /** The shared budget whose download limit applies (the one the task's jobs use). */
  governor?: Governor | undefined;
  /** Stops writing the partial file when it returns false (a queue worker that lost its job's lock). */
  mayWrite?: (() => boolean) | undefined;
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
  const { resumeToken, journalKey } = options;
  // A resume token is checked (vendor, target) before the folder is made or anything is sent.
  const source =
    resumeToken === undefined
      ? { start: (signal: AbortSignal) => task.start(signal), resume: (token: ResumeToken) => task.resume(encodeResumeToken(token)) }
      : { job: task.resume(resumeToken) };
  await mkdir(options.outDir, { recursive: true });
  const journal =
    journalKey === undefined ? undefined : { store: options.journalStore ?? createFileJobStore(options.outDir), key: journalKey, fresh: options.fresh };
  const result = await runExport(source, {
    journal,
    to: options.outDir,
    filename: options.filename,
    governor: options.governor,
    overwrite: options.overwrite,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    // The bytes of an interrupted transfer stay in a hidden partial file next
    // to (never at) the destination, so `--resume` continues instead of starting over.
    keepPartial: true,
    mayWrite: options.mayWrite,
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
