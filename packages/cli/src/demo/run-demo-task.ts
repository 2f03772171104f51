import { isAbsolute, relative } from 'node:path';
import type { ExitCode } from '../exit/exit-codes.js';
import { EXIT_CODES } from '../exit/exit-codes.js';
import { errorSummary, exitCodeFor } from '../exit/exit-code-for.js';
import type { ExportTask } from '../jobs/export-task.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../options/common-options.js';
import type { ExportReporter } from '../output/export-reporter.js';
import type { SummaryRow } from '../output/summary-table.js';
import { runExportTask } from '../run/run-export-task.js';

/** The file as the person ran the demo sees it: relative to where they are, when it is below it. */
function displayPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

/** One of the demo's exports, turned into its summary row; failures become rows too, never throws. */
export async function runDemoTask(
  task: ExportTask,
  reporter: ExportReporter,
  options: { outDir: string; signal: AbortSignal },
): Promise<{ row: SummaryRow; exitCode: ExitCode }> {
  const startedAt = Date.now();
  let jobId = '-';
  try {
    const outcome = await runExportTask(task, {
      outDir: options.outDir,
      overwrite: true, // the demo is meant to be run again and again
      timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
      signal: options.signal,
      onJob: (job, resumed) => {
        jobId = job.id;
        reporter.job(job, resumed);
      },
      onProgress: (event) => reporter.progress(event),
      onWait: ({ delayMs }) => reporter.waiting?.(delayMs),
    });
    reporter.end('done');
    const row = { vendor: task.vendor, jobId, file: displayPath(outcome.file), bytes: outcome.bytes, elapsedMs: outcome.elapsedMs };
    return { row, exitCode: EXIT_CODES.ok };
  } catch (error) {
    reporter.end('failed');
    const row = { vendor: task.vendor, jobId, file: `failed: ${errorSummary(error).message}`, elapsedMs: Date.now() - startedAt };
    return { row, exitCode: exitCodeFor(error) };
  }
}
