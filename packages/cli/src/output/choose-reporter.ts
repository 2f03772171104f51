import { type ExportReporter, SILENT_REPORTER } from './export-reporter.js';
import { createLiveBoard } from './live-board.js';
import { createPlainProgressLog } from './plain-progress-log.js';
import type { TerminalOutput } from './terminal-output.js';

/** Where progress of one or more exports is shown, and how to stop showing it. */
export interface ProgressView {
  reporter(vendor: string): ExportReporter;
  stop(): void;
}

/** Live rows on a terminal, log lines elsewhere, nothing with `--json` or `--quiet`. */
export function chooseProgressView(output: TerminalOutput, style: { json: boolean; quiet: boolean }): ProgressView {
  if (style.json || style.quiet) return { reporter: () => SILENT_REPORTER, stop: () => {} };
  if (!output.isTTY) return { reporter: (vendor) => createPlainProgressLog(vendor, output.info), stop: () => {} };
  return createLiveBoard(output.humanStream);
}
