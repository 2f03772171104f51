import { MultiBar } from 'cli-progress';
import type { ExportJob, ProgressEvent } from '../jobs/poller-api.js';
import type { ExportReporter } from './export-reporter.js';
import { type RowPayload, renderRow } from './live-board-row.js';

/**
 * The terminal view: one live row per export, redrawn in place by
 * cli-progress (which also hides the cursor and keeps rows together when
 * several exports run at once, as in the demo).
 */
export interface LiveBoard {
  reporter(vendor: string): ExportReporter;
  /** A line redrawn with the rows (a batch's totals), drawn above the rows created after it. */
  addLine(render: () => string): void;
  /** Draws the final frame and gives the terminal back. */
  stop(): void;
}

export interface LiveBoardOptions {
  /**
   * Take a row off the board when its export ends (a batch of thousands shows
   * only what runs; the totals line counts the rest). Default: rows stay.
   */
  dropFinishedRows?: boolean;
}

export function createLiveBoard(stream: NodeJS.WriteStream, options: LiveBoardOptions = {}): LiveBoard {
  const multibar = new MultiBar({
    stream,
    hideCursor: true,
    clearOnComplete: false,
    fps: 5,
    format: (_options, _params, payload: RowPayload) => renderRow(payload),
  });
  let stopped = false;

  return {
    reporter(vendor: string): ExportReporter {
      const row: RowPayload = { vendor, jobId: '', state: 'starting', startedAt: Date.now(), received: 0 };
      const bar = multibar.create(1, 0, row);
      const redraw = () => bar.update(0, row);
      return {
        job(job: ExportJob) {
          row.jobId = job.id;
          redraw();
        },
        progress(event: ProgressEvent) {
          if (event.type === 'state') {
            row.state = event.job.state;
            row.jobId = event.job.id;
          } else {
            row.downloadStartedAt ??= Date.now();
            row.received = event.received;
            row.total = event.total;
          }
          redraw();
        },
        waiting(delayMs: number) {
          row.nextPollAt = Date.now() + delayMs;
          redraw();
        },
        end(outcome) {
          row.outcome = outcome;
          if (options.dropFinishedRows) multibar.remove(bar);
          else redraw();
        },
      };
    },
    addLine(render) {
      multibar.create(1, 0, {}, { format: () => render() });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multibar.stop();
    },
  };
}
