import type { ExportJob, ProgressEvent } from '../jobs/poller-api.js';
import type { ExportReporter } from './export-reporter.js';
import { formatBytes } from './format-units.js';

/** Off a terminal (CI logs, pipes): one line per event worth keeping, no redraws. */
export function createPlainProgressLog(vendor: string, log: (line: string) => void): ExportReporter {
  let lastState: string | undefined;
  let nextQuarter = 1;
  return {
    job(job: ExportJob, resumed: boolean) {
      log(`${vendor}: ${resumed ? 'resumed' : 'started'} job ${job.id}`);
    },
    progress(event: ProgressEvent) {
      if (event.type === 'state') {
        if (event.job.state !== lastState) log(`${vendor}: job ${event.job.id} is ${event.job.state}`);
        lastState = event.job.state;
        return;
      }
      // Quarter marks when the size is known, so a log shows progress without flooding.
      if (event.total === undefined || event.total === 0) return;
      while (nextQuarter <= 4 && event.received >= (event.total * nextQuarter) / 4) {
        log(`${vendor}: downloaded ${formatBytes(event.received)} of ${formatBytes(event.total)} (${nextQuarter * 25}%)`);
        nextQuarter++;
      }
    },
    end: () => {},
  };
}
