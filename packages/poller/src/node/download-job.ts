import { resolve } from 'node:path';
import { ApiError, ValidationError } from '@exportkit/core';
import { backoffDelay } from '../engine/backoff.js';
import { classifyError } from '../engine/classify-error.js';
import { openDeadlineScope } from '../engine/deadline.js';
import type { JobState } from '../engine/job-state.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../engine/poll-until.js';
import { resolveTime } from '../engine/time.js';
import { AbortedError } from '../errors/aborted-error.js';
import { DownloadError } from '../errors/download-error.js';
import { PollTimeoutError } from '../errors/poll-timeout-error.js';
import type { RateLimitGovernor } from '../governor/rate-limit-governor.js';
import type { ExportJob, JobWaitOptions } from '../vendors/export-job.js';
import { destinationFor, ensureFreeDestination } from './destination.js';
import { PartialFile } from './partial-file.js';
import { prepareForBody, rangeHeaders, writeBody } from './transfer.js';

export interface DownloadOptions extends JobWaitOptions {
  /** The destination folder (it must exist). */
  to: string;
  /** The file name to use instead of the vendor's (sanitised all the same). */
  filename?: string | undefined;
  /** Replace an existing file of the same name (default: refuse). */
  overwrite?: boolean | undefined;
  /** On failure or abort, keep the partial file so a later call resumes it (default: delete it). */
  keepPartial?: boolean | undefined;
  /** The governor whose download limit applies (default: the job's). */
  governor?: RateLimitGovernor | undefined;
  /** A transfer with no bytes for this long is cut and resumed (default 30 s). */
  stallTimeoutMs?: number | undefined;
  /** How many times an expired signed URL is refreshed by polling again (default 3). */
  maxRefreshes?: number | undefined;
}

export interface DownloadResult {
  /** Absolute path of the written file. */
  file: string;
  bytes: number;
  sha256: string;
  job: JobState;
}

/**
 * Waits for the job if needed, then streams its file into the destination
 * folder: temp file, size checks, fsync, atomic rename. Interrupted transfers
 * continue with Range + If-Range; an expired signed URL is refreshed by
 * polling the job again; the deadline and the signal cover all of it.
 */
export async function downloadJob(job: ExportJob, options: DownloadOptions): Promise<DownloadResult> {
  if (typeof options.to !== 'string' || options.to === '') throw new ValidationError('to', 'name the destination folder');
  const time = resolveTime(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const scope = openDeadlineScope({ signal: options.signal, timeoutMs, sleep: time.sleep });
  const deadline = time.clock() + timeoutMs;
  const governor = options.governor ?? job.context.governor;
  const waitOptions = (): JobWaitOptions => ({ ...options, signal: scope.signal, timeoutMs: Math.max(0, deadline - time.clock()) });
  const stopped = (state: JobState | undefined) =>
    scope.stopReason() === 'timeout' ? new PollTimeoutError(timeoutMs, state) : new AbortedError(state, scope.signal.reason);
  try {
    let state = job.state?.state === 'succeeded' ? job.state : await job.wait(waitOptions());
    return await governor.downloads.run(async () => {
      const partial = await PartialFile.open(resolve(options.to), state);
      try {
        const result = await transferWithRetries();
        return result;
      } catch (error) {
        if (options.keepPartial) await partial.keep();
        else await partial.discard();
        if (scope.signal.aborted) throw stopped(job.state ?? state);
        throw error;
      }

      async function transferWithRetries(): Promise<DownloadResult> {
        let retries = 0;
        let refreshes = 0;
        for (let attempt = 0; ; attempt++) {
          try {
            if (isExpired(state, time.clock())) throw new DownloadError('url_expired', 'The signed URL has expired', state);
            const response = await job.openFile({ signal: scope.signal, headers: rangeHeaders(partial) });
            if (response === 'not_ready') {
              state = await job.wait(waitOptions());
              continue;
            }
            const destination = await destinationFor(options, response, state);
            await ensureFreeDestination(destination, options.overwrite === true, response);
            const total = await prepareForBody(partial, response, state);
            await writeBody(partial, response, total, state, options.onProgress, { ms: options.stallTimeoutMs ?? 30_000, sleep: time.sleep, clock: time.clock });
            if (state.size !== undefined && partial.bytes !== state.size) {
              throw new DownloadError('size_mismatch', `Wrote ${partial.bytes} bytes but ${state.vendor} said ${state.size}`, state);
            }
            const sha256 = await partial.commit(destination, options.overwrite === true);
            return { file: destination, bytes: partial.bytes, sha256, job: state };
          } catch (error) {
            if (scope.signal.aborted) throw error;
            if (error instanceof DownloadError && error.reason === 'url_expired') {
              if (++refreshes > (options.maxRefreshes ?? 3)) throw error;
              options.logger?.info?.('refreshing the download URL by polling the job again', { job: state.id });
              state = await job.wait(waitOptions());
              continue;
            }
            if (error instanceof ApiError && error.status === 416) {
              await partial.reset(undefined);
              continue;
            }
            const retryable =
              (error instanceof DownloadError && error.reason === 'interrupted') || classifyError(error).kind === 'retryable';
            if (!retryable || ++retries > (options.maxRetries ?? DEFAULT_MAX_RETRIES)) throw error;
            const hintMs = error instanceof ApiError ? error.retryAfterMs : undefined;
            await time.sleep(backoffDelay({ attempt, minDelayMs: options.minDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 30_000, hintMs, random: time.random }), scope.signal);
          }
        }
      }
    }, scope.signal);
  } catch (error) {
    if (scope.signal.aborted && !(error instanceof AbortedError) && !(error instanceof PollTimeoutError)) {
      throw stopped(job.state);
    }
    throw error;
  } finally {
    scope.dispose();
  }
}

/** A signed URL past its `expiresAt` is refreshed before use rather than after a refusal. */
function isExpired(state: JobState, now: number): boolean {
  if (state.expiresAt === undefined) return false;
  const at = Date.parse(state.expiresAt);
  return !Number.isNaN(at) && at <= now;
}
