import { formatBytes, formatDuration } from './format-units.js';

/** What one row of the live board knows about its export. */
export interface RowPayload {
  vendor: string;
  jobId: string;
  state: string;
  startedAt: number;
  downloadStartedAt?: number;
  received: number;
  total?: number;
  /** When the poller will ask the vendor again. */
  nextPollAt?: number;
  outcome?: 'done' | 'failed';
}

const BAR_WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(fraction * BAR_WIDTH)));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

function downloadText(row: RowPayload, now: number): string {
  const seconds = Math.max((now - (row.downloadStartedAt ?? now)) / 1000, 0.001);
  const rate = row.received / seconds;
  const size = row.total ? `${formatBytes(row.received)}/${formatBytes(row.total)}` : formatBytes(row.received);
  const eta = row.total && rate > 0 ? ` · ETA ${formatDuration(((row.total - row.received) / rate) * 1000)}` : '';
  const fraction = row.total ? row.received / row.total : 0;
  return `${bar(fraction)} ${size} · ${formatBytes(Math.round(rate))}/s${eta}`;
}

/**
 * One line of the live board: the job's state and elapsed time while the
 * vendor works, then a bar with bytes, rate and ETA while the file arrives.
 * Called on every redraw, so the elapsed time ticks without new events.
 */
export function renderRow(row: RowPayload, now: number = Date.now()): string {
  const job = row.jobId ? `job ${row.jobId.slice(0, 12)}` : '';
  const head = `${row.vendor.padEnd(8)} ${job.padEnd(16)}`;
  const elapsed = formatDuration(now - row.startedAt);
  if (row.outcome === 'failed') return `${head} ✖ failed after ${elapsed}`;
  if (row.outcome === 'done') return `${head} ✔ ${formatBytes(row.received)} in ${elapsed}`;
  if (row.downloadStartedAt !== undefined) return `${head} ${downloadText(row, now)}`;
  const next = row.nextPollAt !== undefined && row.nextPollAt > now ? ` · next poll in ${formatDuration(row.nextPollAt - now)}` : '';
  return `${head} ${row.state.padEnd(9)} · ${elapsed} elapsed${next}`;
}
