import { EXIT_CODES, type ExitCode } from '../exit/exit-codes.js';
import { errorSummary, exitCodeFor } from '../exit/exit-code-for.js';
import type { ExportTask } from '../jobs/export-task.js';
import { encodeResumeToken, type ExportJob } from '../jobs/poller-api.js';
import type { ExportSettings } from '../options/resolve-common-options.js';
import { API_KEY_ENV } from '../options/vendor-name.js';
import { chooseProgressView } from '../output/choose-reporter.js';
import { printFailure, printSuccess } from '../output/print-outcome.js';
import type { TerminalOutput } from '../output/terminal-output.js';
import { resumeCommandLine } from '../resume/resume-command-line.js';
import { listenForInterrupt } from './interrupt-signal.js';
import { runExportTask } from './run-export-task.js';

/** Endings after which the same job can still deliver its file. */
const RESUMABLE_EXITS = new Set<ExitCode>([EXIT_CODES.interrupted, EXIT_CODES.timeout, EXIT_CODES.unavailable]);

/** The last state an error carries (the poller's errors hold `job`), for `--json` `status`. */
function lastStateOf(error: unknown, fallback: string): string {
  const state = (error as { job?: { state?: unknown } } | null)?.job?.state;
  return typeof state === 'string' ? state : fallback;
}

/**
 * Runs one vendor command end to end: progress while it runs, the result or
 * the reason after, and on Ctrl-C or a timeout the command that continues
 * the same job. Returns the exit code; never throws.
 */
export async function runSingleExport(
  task: ExportTask,
  settings: ExportSettings,
  output: TerminalOutput,
  args: readonly string[],
): Promise<ExitCode> {
  const style = { json: settings.json, quiet: settings.quiet };
  const interrupt = listenForInterrupt();
  const view = chooseProgressView(output, style);
  const reporter = view.reporter(task.vendor);
  let job: ExportJob | undefined;
  try {
    const outcome = await runExportTask(task, {
      outDir: settings.outDir,
      overwrite: settings.overwrite,
      timeoutMs: settings.timeoutMs,
      signal: interrupt.signal,
      resumeToken: settings.resumeToken,
      // The same command run again (same vendor, API, target and file options) continues the same job.
      journalKey: JSON.stringify([task.vendor, settings.baseUrl ?? null, task.identity]),
      fresh: settings.fresh,
      onJob: (started, resumed) => {
        job = started;
        reporter.job(started, resumed);
      },
      onProgress: (event) => reporter.progress(event),
      onWait: ({ delayMs }) => reporter.waiting?.(delayMs),
    });
    reporter.end('done');
    view.stop();
    printSuccess(output, outcome, style);
    return EXIT_CODES.ok;
  } catch (error) {
    reporter.end('failed');
    view.stop();
    const code = exitCodeFor(error);
    const summary = code === EXIT_CODES.interrupted ? { code: 'aborted', message: 'Interrupted' } : errorSummary(error);
    const status = lastStateOf(error, code === EXIT_CODES.interrupted ? 'interrupted' : job ? 'unknown' : 'not_started');
    printFailure(output, { vendor: task.vendor, jobId: job?.id ?? null, status, error: summary }, style);
    // The job lives on at the vendor (and the bytes so far in a hidden partial
    // file): say how to pick it up instead of starting over.
    if (job && RESUMABLE_EXITS.has(code)) {
      const command = resumeCommandLine(args, encodeResumeToken(job.toJSON()));
      output.info(
        `To continue this job, run the same command again (the job is recorded in ${settings.outDir}), ` +
          `or from anywhere (key from --api-key or ${API_KEY_ENV[task.vendor]}):\n  ${command}`,
      );
    }
    return code;
  } finally {
    interrupt.dispose();
  }
}
