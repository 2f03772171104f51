import { DownloadError } from '../errors/download-error.js';
import type { JobState, ProgressEvent } from '../engine/job-state.js';
import type { Sleep } from '../engine/time.js';
import type { PartialFile } from './partial-file.js';

/** The first and total bytes of a `Content-Range: bytes 100-199/1000` answer. */
function parseContentRange(header: string | null): { start: number; total: number | undefined } | undefined {
  const match = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

function contentLength(response: Response): number | undefined {
  const value = response.headers.get('content-length');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** The validator If-Range sends back: a strong ETag, else Last-Modified. */
export function validatorOf(response: Response): string | undefined {
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
export async function prepareForBody(partial: PartialFile, response: Response, job: JobState): Promise<number | undefined> {
  let total: number | undefined;
  const range = response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  if (range && range.start === partial.bytes && partial.bytes > 0) {
    total = range.total;
  } else {
    if (response.status === 206) {
      await response.body?.cancel();
      await partial.reset(undefined);
      throw new DownloadError('interrupted', 'The server answered a range we did not ask for; starting over', job);
    }
    await partial.reset(validatorOf(response));
    total = contentLength(response);
  }
  if (total !== undefined && job.size !== undefined && total !== job.size) {
    await response.body?.cancel();
    throw new DownloadError('size_mismatch', `The server sends ${total} bytes but ${job.vendor} said ${job.size}`, job);
  }
  return total ?? job.size;
}

/** Streams the body into `partial`, refusing a single byte more than announced. */
export async function writeBody(
  partial: PartialFile,
  response: Response,
  total: number | undefined,
  job: JobState,
  onProgress: ((event: ProgressEvent) => void) | undefined,
  stall: { ms: number; sleep: Sleep },
): Promise<void> {
  if (!response.body) throw new DownloadError('no_file', 'The file response has no body', job);
  for await (const chunk of watchForStalls(response.body, stall, job)) {
    if (total !== undefined && partial.bytes + chunk.length > total) {
      throw new DownloadError('size_mismatch', `The body is larger than the announced ${total} bytes`, job);
    }
    await partial.write(chunk);
    onProgress?.(total === undefined ? { type: 'bytes', received: partial.bytes } : { type: 'bytes', received: partial.bytes, total });
  }
  if (total !== undefined && partial.bytes !== total) {
    throw new DownloadError('interrupted', `The body ended after ${partial.bytes} of ${total} bytes`, job);
  }
}

/**
 * The body's chunks, failing with a retryable 'interrupted' when none arrives
 * for `stall.ms` (a server that sent half a file and went quiet would
 * otherwise hold the download until the deadline).
 */
async function* watchForStalls(body: ReadableStream<Uint8Array>, stall: { ms: number; sleep: Sleep }, job: JobState) {
  const reader = body.getReader();
  try {
    for (;;) {
      const timer = new AbortController();
      const stalled = stall.sleep(stall.ms, timer.signal).then(() => 'stalled' as const, () => 'cancelled' as const);
      const next = await Promise.race([reader.read(), stalled]).finally(() => timer.abort());
      if (next === 'stalled' || next === 'cancelled') {
        throw new DownloadError('interrupted', `No bytes for ${stall.ms} ms; the transfer stalled`, job);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
