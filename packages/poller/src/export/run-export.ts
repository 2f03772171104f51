import { ValidationError } from '@exportkit/core';
import { downloadFile, type DownloadOptions, type DownloadResult } from '../download/download-file.js';
import { AbortedError } from '../errors/aborted-error.js';
import { PollTimeoutError } from '../errors/poll-timeout-error.js';
import { defaultGovernor, type RateLimitGovernor } from '../governor/rate-limit-governor.js';
import { openDeadlineScope } from '../internal/deadline.js';
import { DEFAULT_TIMEOUT_MS } from '../internal/retry-policy.js';
import { resolveTime } from '../internal/time.js';
import type { ExportJob, JobWaitOptions } from './export-job.js';
import type { JobOptions } from './job-context.js';
import type { JobState } from './job-state.js';

/**
 * Where an export's job comes from: `start` it (a new job at the vendor, or
 * the one a 409 names), or continue a `job` you already hold (from
 * `resumeExport`, or a `start…Export` of a vendor subpath).
 */
export type ExportSource = { start(signal: AbortSignal): Promise<ExportJob> } | { job: ExportJob };

/** Everything one export takes: the job's budget and clients' options, the wait, where the file goes, and the hooks. */
export interface RunExportOptions extends JobOptions, DownloadOptions, JobWaitOptions {
  /** The shared rate budget (default: the process-wide one); its download limit applies too. */
  governor?: RateLimitGovernor | undefined;
  /**
   * Called once the job id is known — started, attached to or resumed — and
   * before any wait: store or show `job.toJSON()` here, so a crash or Ctrl-C
   * can continue this job instead of starting another. Awaited.
   */
  onJob?: ((job: ExportJob, how: { resumed: boolean }) => void | Promise<void>) | undefined;
}

export type ExportResult = DownloadResult;

/**
 * The spine of every export, for every vendor: start (or attach to, or
 * resume) the job → tell `onJob` → wait until it succeeds → download its file
 * safely. One deadline (`timeoutMs`) and one signal cover all of it; a failed
 * wait or download leaves nothing at the destination (`keepPartial` keeps the
 * bytes in a hidden file for the next run to continue).
 */
export async function runExport(source: ExportSource, options: RunExportOptions): Promise<ExportResult> {
  if (typeof options.to !== 'string' || options.to === '') throw new ValidationError('to', 'name the destination folder');
  const time = resolveTime(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = time.clock() + timeoutMs;
  const scope = openDeadlineScope({ signal: options.signal, timeoutMs, sleep: time.sleep });
  let job: ExportJob | undefined;
  const waitUntilSucceeded = (current: ExportJob): Promise<JobState> =>
    current.wait({ ...options, signal: scope.signal, timeoutMs: Math.max(0, deadline - time.clock()) });
  try {
    // 1. The job: a new one, or the one the caller holds.
    job = 'job' in source ? source.job : await source.start(scope.signal);
    await options.onJob?.(job, { resumed: 'job' in source });
    // 2. Wait (a job handed over already finished skips the wait).
    const finished = job.state?.state === 'succeeded' ? job.state : await waitUntilSucceeded(job);
    // 3. Download, asking the job again if its file is not ready or its URL expired.
    const waiting = job;
    return await downloadFile(job, finished, options, {
      signal: scope.signal,
      waitAgain: () => waitUntilSucceeded(waiting),
      downloads: (options.governor ?? job.context.governor ?? defaultGovernor()).downloads,
    });
  } catch (error) {
    // Whatever failed last (a request cut by the deadline, a sleep), the caller learns why it stopped.
    if (scope.signal.aborted && !(error instanceof AbortedError) && !(error instanceof PollTimeoutError)) {
      const state = job?.state;
      throw scope.stopReason() === 'timeout' ? new PollTimeoutError(timeoutMs, state) : new AbortedError(state, scope.signal.reason);
    }
    throw error;
  } finally {
    scope.dispose();
  }
}
