import type { ExportOutcome } from '../run/run-export-task.js';
import { formatBytes, formatDuration } from './format-units.js';
import type { TerminalOutput } from './terminal-output.js';

export interface OutcomeStyle {
  json: boolean;
  quiet: boolean;
}

/** The `--json` failure object, and what the human line is made of. */
export interface ExportFailure {
  vendor: string;
  jobId: string | null;
  status: string;
  error: { code: string; message: string };
}

/** Success: the file path (or the JSON object) on stdout; a human line on stderr unless quiet. */
export function printSuccess(output: TerminalOutput, outcome: ExportOutcome, style: OutcomeStyle): void {
  const { vendor, jobId, status, file, bytes, sha256 } = outcome;
  if (style.json) {
    output.result(JSON.stringify({ vendor, jobId, status, file, bytes, sha256 }));
    return;
  }
  if (!style.quiet) {
    output.info(`${vendor}: saved ${file} (${formatBytes(bytes)}, sha256 ${sha256}) in ${formatDuration(outcome.elapsedMs)}`);
  }
  output.result(file);
}

/** Failure: the JSON object on stdout with `--json`; always the reason on stderr. */
export function printFailure(output: TerminalOutput, failure: ExportFailure, style: OutcomeStyle): void {
  if (style.json) output.result(JSON.stringify(failure));
  const job = failure.jobId ? ` (job ${failure.jobId}, ${failure.status})` : '';
  output.info(`exportkit ${failure.vendor}: ${failure.error.message}${job}`);
}
