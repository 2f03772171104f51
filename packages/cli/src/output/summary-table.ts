import { formatBytes, formatDuration } from './format-units.js';

/** One row of the demo's closing table. */
export interface SummaryRow {
  vendor: string;
  jobId: string;
  /** The file written, or why there is none. */
  file: string;
  bytes?: number | undefined;
  elapsedMs: number;
}

const HEADERS = ['vendor', 'job', 'file', 'size', 'time'] as const;

/** A plain-text table (no colours, no box drawing) that reads the same in a terminal and a CI log. */
export function summaryTable(rows: readonly SummaryRow[]): string[] {
  const cells = rows.map((row) => [
    row.vendor,
    row.jobId,
    row.file,
    row.bytes === undefined ? '-' : formatBytes(row.bytes),
    formatDuration(row.elapsedMs),
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]?.length ?? 0)));
  const format = (line: readonly string[]) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [format(HEADERS), format(widths.map((width) => '-'.repeat(width))), ...cells.map(format)];
}
