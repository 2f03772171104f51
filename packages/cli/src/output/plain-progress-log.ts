import type { ExportJob, ProgressEvent } from '../jobs/poller-api.js';
import type { ExportReporter } from './export-reporter.js';
import { formatBytes } from './format-units.js';

/** Off a terminal (CI logs, pipes): one line per event worth keeping, no redraws. */
export function createPlainProgressLog(vendor: string, log: (line: string) => void): ExportReporter {
  let lastState: string | undefined;
  let nextQuarter = 1;
  let downloading = false;
  return {
    job(job: ExportJob, resumed: boolean) {
      log(`${vendor}: ${resumed ? 'resumed' : 'started'} job ${job.id}`);
    },
    progress(event: ProgressEvent) {
      if (event.type === 'state') {
        if (event.job.state !== lastState) log(`${vendor}: job ${event.job.id}: ${event.job.state}`);
        lastState = event.job.state;
        return;
      }
      if (!downloading) {
        // The first bytes: a log shows the transfer began, however small its first part.
        downloading = true;
        log(`${vendor}: downloading${event.total ? ` ${formatBytes(event.total)}` : ''}`);
      }
      // At most one line per quarter when the size is known, so a log shows progress without flooding.
      if (event.total === undefined || event.total === 0) return;
      const quarter = Math.floor((event.received / event.total) * 4);
      if (quarter < nextQuarter) return;
      log(`${vendor}: downloaded ${formatBytes(event.received)} of ${formatBytes(event.total)} (${Math.round((event.received / event.total) * 100)}%)`);
      nextQuarter = quarter + 1;
    },
    end: () => {},
  };
}
