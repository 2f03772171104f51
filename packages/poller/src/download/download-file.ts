import { resolve } from 'node:path';
import { ApiError } from '@exportkit/core';
import { DownloadError } from '../errors/download-error.js';
import type { ExportJob } from '../export/export-job.js';
import type { JobState, Logger, ProgressEvent } from '../export/job-state.js';
import type { DownloadSlots } from '../governor/governor.js';
import { RetryBudget, type RetryOptions } from '../internal/retry-policy.js';
import { resolveTime } from '../internal/time.js';
import { destinationFor, ensureFreeDestination } from './destination.js';
import { PartialFile } from './partial-file.js';
import { openWithinStall, prepareForBody, rangeHeaders, writeBody } from './transfer.js';

/** Where and how the finished file is written. */
export interface DownloadOptions extends RetryOptions {
  /** The destination folder (it must exist). */
  to: string;
  /** The file name to use instead of the vendor's (sanitised all the same). */
  filename?: string | undefined;
  /** Replace an existing file of the same name (default: refuse). */
  overwrite?: boolean | undefined;
  /** On failure or abort, keep the partial file so a later call resumes it (default: delete it). */
  keepPartial?: boolean | undefined;
  /** A request with no answer, or a transfer with no bytes, for this long is cut and resumed (default 30 s). */
  stallTimeoutMs?: number | undefined;
  /** How many times an expired signed URL is refreshed by polling again (default 3). */
  maxRefreshes?: number | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  logger?: Logger | undefined;
  /**
   * Asked before every change to the partial file (open, each write, keep,
   * the final rename). False stops the download with DownloadError
   * `write_refused` and leaves the file as it is on disk, for whoever owns it
   * now: a queue worker that lost its job's lock must not write one more
   * byte into a file another worker continues (default: always true).
   */
  mayWrite?: (() => boolean) | undefined;
}

export interface DownloadResult {
  /** Absolute path of the written file. */
  file: string;
  bytes: number;
  sha256: string;
  job: JobState;
}

/** What the spine lends the download: the export's one signal, and the wait to use when the job must be asked again. */
export interface DownloadScope {
  signal: AbortSignal;
  /** Polls the job until it has succeeded again (a 202, an expired signed URL). */
  waitAgain(): Promise<JobState>;
  /** The limit on downloads running at once (the governor's). */
  downloads: DownloadSlots;
}

/**
 * Streams a finished job's file into the destination folder: temp file, size
 * checks, fsync, atomic rename. A cut transfer reconnects under the one retry
 * policy and continues with Range + If-Range; an expired signed URL (or
 * Omni's 202) asks the job again. Never leaves a partial file at the destination.
 */
export async function downloadFile(job: ExportJob, finished: JobState, options: DownloadOptions, scope: DownloadScope): Promise<DownloadResult> {
  const time = resolveTime(options);
  let state = finished;
  return scope.downloads.run(async () => {
    const partial = await PartialFile.open(resolve(options.to), state, options.mayWrite);
    try {
      return await transferWithRetries(partial);
    } catch (error) {
      if (isWriteRefused(error)) await partial.abandon();
      else if (options.keepPartial) await partial.keep();
      else await partial.discard();
      throw error;
    }
  }, scope.signal);

  async function transferWithRetries(partial: PartialFile): Promise<DownloadResult> {
    const retries = new RetryBudget(options);
    let refreshes = 0;
    const stall = { ms: options.stallTimeoutMs ?? 30_000, sleep: time.sleep, clock: time.clock };
    for (;;) {
      try {
        if (isExpired(state, time.clock())) throw new DownloadError('url_expired', 'The signed URL has expired', state);
        const response = await openWithinStall((signal) => job.openFileForDownload({ signal, headers: rangeHeaders(partial) }), scope.signal, stall, state);
        if (response === 'not_ready') {
          state = await scope.waitAgain();
          continue;
        }
        const destination = await destinationFor(options, response, state);
        await ensureFreeDestination(destination, options.overwrite === true, response);
        const total = await prepareForBody(partial, response, state);
        await writeBody(partial, response, total, state, options.onProgress, stall);
        if (state.size !== undefined && partial.bytes !== state.size) {
          throw new DownloadError('size_mismatch', `Wrote ${partial.bytes} bytes but ${state.vendor} said ${state.size}`, state);
        }
        const sha256 = await partial.commit(destination, options.overwrite === true);
        return { file: destination, bytes: partial.bytes, sha256, job: state };
      } catch (error) {
        if (scope.signal.aborted || isWriteRefused(error)) throw error;
        if (error instanceof DownloadError && error.reason === 'url_expired') {
          if (++refreshes > (options.maxRefreshes ?? 3)) throw error;
          options.logger?.info?.('refreshing the download URL by polling the job again', { job: state.id });
          state = await scope.waitAgain();
          continue;
        }
        // The kept bytes no longer match the file: start over from byte 0 (not a failure of the call).
        if (error instanceof ApiError && error.status === 416) {
          await partial.reset(undefined);
          continue;
        }
        const wait = retries.next(error);
        if (wait === undefined) throw error;
        await time.sleep(wait, scope.signal);
      }
    }
  }
}

function isWriteRefused(error: unknown): boolean {
  return error instanceof DownloadError && error.reason === 'write_refused';
}

/** A signed URL past its `expiresAt` is refreshed before use rather than after a refusal. */
function isExpired(state: JobState, now: number): boolean {
  if (state.expiresAt === undefined) return false;
  const at = Date.parse(state.expiresAt);
  return !Number.isNaN(at) && at <= now;
}
