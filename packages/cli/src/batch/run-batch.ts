import { EXIT_CODES, type ExitCode } from '../exit/exit-codes.js';
import { errorSummary, exitCodeFor } from '../exit/exit-code-for.js';
import type { Governor } from '../jobs/poller-api.js';
import type { ExportReporter } from '../output/export-reporter.js';
import { runExportTask } from '../run/run-export-task.js';
import type { BatchJob } from './manifest-entry.js';
import type { FinishedExports } from './finished-exports.js';

/** How one manifest line ended. */
export type BatchLineResult = {
  job: BatchJob;
  elapsedMs: number;
} & (
  | { status: 'succeeded'; jobId: string; file: string; bytes: number; sha256: string; resumed: boolean }
  | { status: 'skipped'; jobId: string; file: string; bytes: number; sha256: string }
  | { status: 'failed' | 'interrupted'; jobId: string | null; error: { code: string; message: string }; exitCode: ExitCode }
  | { status: 'not_started' }
);

export interface RunBatchOptions {
  /** Exports running at once. */
  concurrency: number;
  timeoutMs: number;
  overwrite: boolean;
  /** Ignore what earlier runs recorded and journaled: every line starts a new job. */
  fresh: boolean;
  signal: AbortSignal;
  governor: Governor;
  /** The record of files earlier runs wrote, one per destination root. */
  finished: FinishedExports;
  reporter(job: BatchJob): ExportReporter;
  /** Each line's ending, as it happens (for `--json` lines and the totals). */
  onResult(result: BatchLineResult): void;
}

/** The key under which a line's finished file is recorded: its journal key in its folder. */
export const finishedKeyOf = (job: BatchJob): string => JSON.stringify([job.outDir, job.journalKey]);

/**
 * Runs every line through the one export spine, `concurrency` at a time,
 * under one governor: lines an earlier run finished (file still there and
 * unchanged) are skipped, lines it left under way continue their journaled
 * job. Once the signal aborts, lines not yet begun are reported not started.
 */
export async function runBatch(jobs: readonly BatchJob[], options: RunBatchOptions): Promise<BatchLineResult[]> {
  const results: BatchLineResult[] = new Array(jobs.length);
  let next = 0;
  const runner = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const job = jobs[index] as BatchJob;
      const result = options.signal.aborted ? { job, elapsedMs: 0, status: 'not_started' as const } : await runLine(job, options);
      results[index] = result;
      options.onResult(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, runner));
  return results;
}

async function runLine(job: BatchJob, options: RunBatchOptions): Promise<BatchLineResult> {
  const startedAt = Date.now();
  const key = finishedKeyOf(job);
  const done = options.fresh ? undefined : await options.finished.stillThere(key);
  if (done) return { job, elapsedMs: 0, status: 'skipped', jobId: done.jobId, file: done.file, bytes: done.bytes, sha256: done.sha256 };
  const reporter = options.reporter(job);
  let jobId: string | null = null;
  let resumed = false;
  try {
    const outcome = await runExportTask(job.task, {
      outDir: job.outDir,
      filename: job.entry.saveAs,
      overwrite: options.overwrite,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      journalKey: job.journalKey,
      fresh: options.fresh,
      governor: options.governor,
      onJob: (started, wasResumed) => {
        jobId = started.id;
        resumed = wasResumed;
        reporter.job(started, wasResumed);
      },
      onProgress: (event) => reporter.progress(event),
      onWait: ({ delayMs }) => reporter.waiting?.(delayMs),
    });
    await options.finished.record({ key, file: outcome.file, bytes: outcome.bytes, sha256: outcome.sha256, jobId: outcome.jobId });
    reporter.end('done');
    const { file, bytes, sha256 } = outcome;
    return { job, elapsedMs: Date.now() - startedAt, status: 'succeeded', jobId: outcome.jobId, file, bytes, sha256, resumed };
  } catch (error) {
    reporter.end('failed');
    const exitCode = exitCodeFor(error);
    const interrupted = exitCode === EXIT_CODES.interrupted && options.signal.aborted;
    const summary = interrupted ? { code: 'aborted', message: 'Interrupted' } : errorSummary(error);
    return { job, elapsedMs: Date.now() - startedAt, status: interrupted ? 'interrupted' : 'failed', jobId, error: summary, exitCode };
  }
}
