import { DownloadError } from '../errors/download-error.js';
import type { JobState, ProgressEvent } from '../export/job-state.js';
import type { Clock, Sleep } from '../internal/time.js';
import type { FileResponse } from './file-response.js';
import type { PartialFile } from './partial-file.js';

/** The first and total bytes of a `Content-Range: bytes 100-199/1000` answer. */
function parseContentRange(header: string | null): { start: number; total: number | undefined } | undefined {
  const match = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

function contentLength(response: FileResponse): number | undefined {
  const value = response.headers.get('content-length');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** The validator If-Range sends back: a strong ETag, else Last-Modified. */
export function validatorOf(response: FileResponse): string | undefined {
  const etag = response.headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('last-modified') ?? undefined;
}

/** The request headers that continue `partial`, or none when it must start over. */
export function rangeHeaders(partial: PartialFile): Record<string, string> {
  if (partial.bytes === 0 || !partial.validator) return {};
  return { Range: `bytes=${partial.bytes}-`, 'If-Range': partial.validator };
}

/**
 * Prepares `partial` for the body of `response` and returns the file's full
 * size when known. Bytes are appended only on a 206 that starts exactly where
 * the partial file ends; any other answer starts the file over.
 */
export async function prepareForBody(partial: PartialFile, response: FileResponse, job: JobState): Promise<number | undefined> {
  let total: number | undefined;
  const range = response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  if (range && range.start === partial.bytes && partial.bytes > 0) {
    total = range.total;
  } else {
    if (response.status === 206) {
      await response.cancel();
      await partial.reset(undefined);
      throw new DownloadError('interrupted', 'The server answered a range we did not ask for; starting over', job);
    }
    await partial.reset(validatorOf(response));
    total = contentLength(response);
  }
  if (total !== undefined && job.size !== undefined && total !== job.size) {
    await response.cancel();
    throw new DownloadError('size_mismatch', `The server sends ${total} bytes but ${job.vendor} said ${job.size}`, job);
  }
  return total ?? job.size;
}

/** Streams the body into `partial`, refusing a single byte more than announced. */
export async function writeBody(
  partial: PartialFile,
  response: FileResponse,
  total: number | undefined,
  job: JobState,
  onProgress: ((event: ProgressEvent) => void) | undefined,
  stall: { ms: number; sleep: Sleep; clock: Clock },
): Promise<void> {
  for await (const chunk of watchForStalls(response, stall, job)) {
    if (total !== undefined && partial.bytes + chunk.length > total) {
      throw new DownloadError('size_mismatch', `The body is larger than the announced ${total} bytes`, job);
    }
    await partial.write(chunk, response.release);
    onProgress?.(total === undefined ? { type: 'bytes', received: partial.bytes } : { type: 'bytes', received: partial.bytes, total });
  }
  if (total !== undefined && partial.bytes !== total) {
    throw new DownloadError('interrupted', `The body ended after ${partial.bytes} of ${total} bytes`, job);
  }
}

/**
 * Opens the file, failing with a retryable 'interrupted' when no answer (no
 * status line) comes for `stall.ms`: a storage host that accepted the
 * connection and hangs would otherwise hold the download until its
 * deadline. The request's signal also follows `outer` for the whole body.
 */
export async function openWithinStall<T>(
  open: (signal: AbortSignal) => Promise<T>,
  outer: AbortSignal,
  stall: { ms: number; sleep: Sleep },
  job: JobState,
): Promise<T> {
  const cut = new AbortController();
  const stop = new AbortController();
  const silent = new DownloadError('interrupted', `No answer for ${stall.ms} ms; the request was cut`, job);
  void stall.sleep(stall.ms, stop.signal).then(
    () => cut.abort(silent),
    () => undefined,
  );
  try {
    return await open(AbortSignal.any([outer, cut.signal]));
  } catch (error) {
    throw cut.signal.aborted && !outer.aborted ? silent : error;
  } finally {
    stop.abort();
  }
}

/**
 * The body's chunks, failing with a retryable 'interrupted' when none arrives
 * for `stall.ms` (a server that sent half a file and went quiet would
 * otherwise hold the download until the deadline). One watchdog timer per
 * stall window, not one per chunk: a 1 GiB body is some 16,000 chunks, and a
 * timer, an AbortController and a race for each cost more than the bytes.
 */
async function* watchForStalls(response: FileResponse, stall: { ms: number; sleep: Sleep; clock: Clock }, job: JobState) {
  const chunks = response.chunks()[Symbol.asyncIterator]();
  const stop = new AbortController();
  let lastChunkAt = stall.clock();
  /** Set by the watchdog when it gives up on the body. */
  let stalled: DownloadError | undefined;
  const watchdog = (async () => {
    let wait = stall.ms;
    for (;;) {
      await stall.sleep(wait, stop.signal);
      const quiet = stall.clock() - lastChunkAt;
      if (quiet >= stall.ms) break;
      wait = stall.ms - quiet;
    }
    stalled = new DownloadError('interrupted', `No bytes for ${stall.ms} ms; the transfer stalled`, job);
    // Wakes the pending read (it ends or rejects); the loop below reports the stall either way.
    await response.cancel(stalled);
  })().catch(() => undefined);
  try {
    for (;;) {
      const next = await chunks.next().catch((error: unknown) => {
        throw stalled ?? error;
      });
      if (stalled) throw stalled;
      if (next.done) return;
      lastChunkAt = stall.clock();
      yield next.value;
    }
  } finally {
    stop.abort();
    await watchdog;
    await chunks.return?.().catch(() => undefined);
    await response.cancel();
  }
}
