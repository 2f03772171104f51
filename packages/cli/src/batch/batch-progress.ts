import type { ExportReporter } from '../output/export-reporter.js';
import { SILENT_REPORTER } from '../output/export-reporter.js';
import { createLiveBoard } from '../output/live-board.js';
import { createPlainProgressLog } from '../output/plain-progress-log.js';
import type { TerminalOutput } from '../output/terminal-output.js';
import type { BatchTotals } from './batch-totals.js';
import type { BatchJob } from './manifest-entry.js';

export interface BatchProgress {
  reporter(job: BatchJob): ExportReporter;
  /** True while a live board redraws the terminal: a line printed to that terminal meanwhile would tear it. */
  readonly drawsOnTerminal: boolean;
  stop(): void;
}

/** A row's label: the manifest line and its vendor, so a row names the line to look at. */
const labelOf = (job: BatchJob) => `${job.entry.vendor}:${job.entry.line}`;

/**
 * On a terminal the live board: a totals line, then one row per export
 * running (rows leave as their export ends). Elsewhere the single commands'
 * log lines, each naming its line; nothing with `--json` or `--quiet`.
 */
export function createBatchProgress(
  output: TerminalOutput,
  style: { json: boolean; quiet: boolean },
  totals: BatchTotals,
  jobs: readonly BatchJob[],
): BatchProgress {
  if (style.json || style.quiet) return { reporter: () => SILENT_REPORTER, drawsOnTerminal: false, stop: () => {} };
  if (!output.isTTY) return { reporter: (job) => createPlainProgressLog(labelOf(job), output.info), drawsOnTerminal: false, stop: () => {} };
  // Every row's label as wide as the widest, so the columns line up.
  const width = Math.max(...jobs.map((job) => labelOf(job).length));
  const board = createLiveBoard(output.humanStream, { dropFinishedRows: true });
  let running = 0;
  board.addLine(() => totals.line(running));
  return {
    reporter(job) {
      running++;
      const row = board.reporter(labelOf(job).padEnd(width));
      return {
        ...row,
        end(outcome) {
          running--;
          row.end(outcome);
        },
      };
    },
    drawsOnTerminal: true,
    stop: () => board.stop(),
  };
}
