import { NotFoundError, ValidationError } from '@exportkit/core';
import { downloadFile, type DownloadOptions, type DownloadResult } from '../download/download-file.js';
import { AbortedError } from '../errors/aborted-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { PollTimeoutError } from '../errors/poll-timeout-error.js';
import type { Governor } from '../governor/governor.js';
import { defaultGovernor } from '../governor/rate-limit-governor.js';
import { openDeadlineScope } from '../internal/deadline.js';
import { DEFAULT_TIMEOUT_MS } from '../internal/retry-policy.js';
import { resolveTime } from '../internal/time.js';
import type { ExportJob, JobWaitOptions } from './export-job.js';
import type { JobOptions } from './job-context.js';
import type { JobStore } from './job-store.js';
import type { JobState, Logger } from './job-state.js';
import type { ResumeToken } from './resume-token.js';

/**
 * Where an export's job comes from: `start` it (a new job at the vendor, or
 * the one a 409 names), or continue a `job` you already hold (from
 * `resumeExport`, or a `start…Export` of a vendor subpath). With a `journal`,
 * a source that can also `resume` a token continues the journaled job.
 */
export type ExportSource =
  | { start(signal: AbortSignal): Promise<ExportJob>; resume?(token: ResumeToken): ExportJob }
  | { job: ExportJob };

/** Crash-only exports: the job is recorded under `key` as soon as its id is known, and a later run with the same key continues it. */
export interface ExportJournal {
  store: JobStore;
  /** Names this export (vendor, target, the options that shape the file) — never the API key. */
  key: string;
  /** Start a new job even when the journal holds one for this key. */
  fresh?: boolean | undefined;
}

/** Everything one export takes: the job's budget and clients' options, the wait, where the file goes, and the hooks. */
export interface RunExportOptions extends JobOptions, DownloadOptions, JobWaitOptions {
  /** The shared rate budget (default: the process-wide one); its download limit applies too. */
  governor?: Governor | undefined;
  /**
   * Called once the job id is known — started, attached to or resumed — and
   * before any wait: store or show `job.toJSON()` here, so a crash or Ctrl-C
   * can continue this job instead of starting another. Awaited.
   */
  onJob?: ((job: ExportJob, how: { resumed: boolean }) => void | Promise<void>) | undefined;
  /** Record the job, and continue a recorded one (see ExportJournal). */
  journal?: ExportJournal | undefined;
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
  const { journal } = options;
  try {
    // 1. The job: the one the caller holds, the one the journal recorded, or a new one.
    const obtained = await obtainJob(source, journal, scope.signal, options.logger);
    job = obtained.job;
    await journal?.store.set(journal.key, job.toJSON());
    await options.onJob?.(job, { resumed: obtained.resumed });
    // 2. Wait (a job handed over already finished skips the wait).
    const finished = job.state?.state === 'succeeded' ? job.state : await waitUntilSucceeded(job);
    // 3. Download, asking the job again if its file is not ready or its URL expired.
    const waiting = job;
    const result = await downloadFile(job, finished, options, {
      signal: scope.signal,
      waitAgain: () => waitUntilSucceeded(waiting),
      downloads: (options.governor ?? job.context.governor ?? defaultGovernor()).downloads,
    });
    // The file has landed: nothing is left to continue.
    await journal?.store.delete(journal.key);
    return result;
  } catch (error) {
    // A job that failed for good, or that the vendor no longer knows (finished files are kept about a day), is not worth continuing: the next run starts a new one.
    if (journal && (error instanceof JobFailedError || error instanceof NotFoundError)) await journal.store.delete(journal.key).catch(() => undefined);
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

/**
 * The job of this run. A journaled token is continued when the source can
 * resume it; a token that no longer fits (another vendor, a malformed entry)
 * is dropped and a new job started.
 */
async function obtainJob(
  source: ExportSource,
  journal: ExportJournal | undefined,
  signal: AbortSignal,
  logger: Logger | undefined,
): Promise<{ job: ExportJob; resumed: boolean }> {
  if ('job' in source) return { job: source.job, resumed: true };
  const token = journal && !journal.fresh && source.resume ? await journal.store.get(journal.key) : undefined;
  if (token && source.resume) {
    try {
      return { job: source.resume(token), resumed: true };
    } catch (error) {
      logger?.warn?.('the journal names a job this export cannot continue; starting a new one', { error: String(error) });
    }
  }
  return { job: await source.start(signal), resumed: false };
}
