import type { OutcomeStyle } from '../output/print-outcome.js';
import type { TerminalOutput } from '../output/terminal-output.js';
import type { EnqueuedLine } from './enqueue-batch.js';
import type { BatchLineResult } from './run-batch.js';

/** The `--json` object of one line: the single commands' fields, plus the manifest line. */
export function batchResultObject(result: BatchLineResult): Record<string, unknown> {
  const { job, status } = result;
  const head = { line: job.entry.line, vendor: job.entry.vendor, status };
  if (status === 'succeeded') return { ...head, jobId: result.jobId, file: result.file, bytes: result.bytes, sha256: result.sha256, resumed: result.resumed };
  if (status === 'skipped') return { ...head, jobId: result.jobId, file: result.file, bytes: result.bytes, sha256: result.sha256 };
  if (status === 'not_started') return { ...head, jobId: null };
  return { ...head, jobId: result.jobId, error: result.error };
}

/**
 * One line's result as it ends: with `--json` its object on stdout; else the
 * file path on stdout (written or already there), and a failure's reason on stderr.
 */
export function printBatchResult(output: TerminalOutput, result: BatchLineResult, style: OutcomeStyle): void {
  if (style.json) {
    output.result(JSON.stringify(batchResultObject(result)));
    return;
  }
  if (result.status === 'succeeded' || result.status === 'skipped') output.result(result.file);
  else if (result.status === 'failed') {
    const job = result.jobId ? ` (job ${result.jobId})` : '';
    output.info(`exportkit batch: line ${result.job.entry.line} (${result.job.entry.vendor}): ${result.error.message}${job}`);
  }
}

/** One line handed to the fleet: with `--json` its object; else its queue job id on stdout. */
export function printEnqueued(output: TerminalOutput, line: EnqueuedLine, style: OutcomeStyle): void {
  const status = line.added ? 'queued' : 'already_queued';
  if (style.json) output.result(JSON.stringify({ line: line.job.entry.line, vendor: line.job.entry.vendor, status, queueJobId: line.queueJobId }));
  else output.result(line.queueJobId);
}
