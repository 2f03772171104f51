/**
 * A file's HTTP answer as the downloader reads it: status, headers and the
 * body chunk by chunk. It comes from a web `Response` (a vendor
 * client, a caller's own fetch) or a direct GET (signed URLs on Node), whose
 * body skips web streams (on 1 GiB those cost more CPU than the SHA-256 of
 * the bytes) and lands in a few reused pages (see direct-get.ts).
 */
export interface FileResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The URL that answered (after redirects). */
  readonly url: string;
  /**
   * The body's chunks; read once. A chunk is the caller's until it passes it
   * to `release` (once it is written): then its memory takes later bytes.
   */
  chunks(): AsyncIterable<Uint8Array>;
  /** Hands a chunk's memory back for the bytes still to come. */
  release(chunk: Uint8Array): void;
  /** Abandons the body; a pending read ends or rejects. */
  cancel(reason?: unknown): Promise<void>;
  /** The same answer as a web `Response`, for sinks that want one (the body unread). */
  toResponse(): Response;
}

/** A fetch `Response` as a FileResponse (read through its web stream). */
export function fromFetchResponse(response: Response): FileResponse {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    status: response.status,
    headers: response.headers,
    url: response.url,
    async *chunks() {
      if (!response.body) return;
      reader = response.body.getReader();
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
    // Each chunk of a web stream is its own memory, freed by the collector.
    release: () => undefined,
    cancel: async (reason) => {
      await (reader ? reader.cancel(reason) : response.body?.cancel(reason))?.catch(() => undefined);
    },
    toResponse: () => response,
  };
}
