import { formatBytes, formatDuration } from '../output/format-units.js';
import type { BatchLineResult } from './run-batch.js';

/** Running counts of a batch, for the board's totals line and the closing summary. */
export class BatchTotals {
  readonly lines: number;
  readonly startedAt = Date.now();
  saved = 0;
  skipped = 0;
  failed = 0;
  interrupted = 0;
  notStarted = 0;
  bytes = 0;

  constructor(lines: number) {
    this.lines = lines;
  }

  add(result: BatchLineResult): void {
    if (result.status === 'succeeded') {
      this.saved++;
      this.bytes += result.bytes;
    } else if (result.status === 'skipped') this.skipped++;
    else if (result.status === 'failed') this.failed++;
    else if (result.status === 'interrupted') this.interrupted++;
    else this.notStarted++;
  }

  get ended(): number {
    return this.saved + this.skipped + this.failed + this.interrupted + this.notStarted;
  }

  /** `batch 120/300 · 110 saved · 5 skipped · 1 failed · 8 running · 12.5 MB · 42.0s` */
  line(running: number): string {
    const parts = [`batch ${this.ended}/${this.lines}`, `${this.saved} saved`, `${this.skipped} skipped`, `${this.failed} failed`];
    if (running > 0) parts.push(`${running} running`);
    if (this.interrupted > 0) parts.push(`${this.interrupted} interrupted`);
    if (this.notStarted > 0) parts.push(`${this.notStarted} not started`);
    parts.push(formatBytes(this.bytes), formatDuration(Date.now() - this.startedAt));
    return parts.join(' · ');
  }
}
