import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { ConnectionError, urlForErrors } from '@exportkit/core';
import { HTTPParser } from 'http-parser-js';
import type { FileResponse } from './file-response.js';
import { PagePool, type Page } from './page-pool.js';

/**
 * The body's memory: reads land in 1 MiB pages (one system call can fill
 * most of one), and eight of them let the disk fall behind by what
 * PartialFile queues (2 MiB, plus a batch gathering) twice over before the
 * socket waits. That is all the memory a download's body takes.
 */
const PAGE_SIZE = 1 << 20;
const PAGE_COUNT = 8;
/**
 * Where the one read after a pause lands: when every page waits for the
 * disk, the socket stops, and the read that wakes it comes here and is
 * copied into the first page handed back.
 */
const LANDING_BYTES = 64 << 10;

/** A header name (RFC 9110 token) and a value with no control characters but tab. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;


/**
 * One HTTP/1.1 GET whose body is read straight into the download's pages,
 * with no buffer allocated per read (`net`'s `onread`), parsed by
 * http-parser-js. Node's `http` module cannot read into caller memory, and
 * the buffers it allocates per read are what kept a 1 GiB download at
 * 115–170 MiB of RSS. Only the given headers are sent (Range, If-Range): no
 * cookies, no Authorization, no Accept-Encoding, so the body is the file's
 * bytes as stored. The connection is closed after the answer.
 */
export async function directGet(url: URL, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<FileResponse> {
  return new DirectAnswer(url, headers, signal).head;
}

class DirectAnswer {
  readonly head: Promise<FileResponse>;
  readonly #url: URL;
  readonly #pool = new PagePool(PAGE_COUNT, PAGE_SIZE);
  readonly #landing = Buffer.allocUnsafeSlow(LANDING_BYTES);
  readonly #parser = new HTTPParser(HTTPParser.RESPONSE);
  readonly #socket: Socket;
  readonly #signal: AbortSignal | undefined;
  /** The page being filled; undefined while every page waits to be written. */
  #page: Page | undefined;
  /** Where the next read lands: the page's free part, or the landing buffer. */
  #next: Buffer;
  readonly #chunks: Buffer[] = [];
  #read = 0;
  #wakeReader: (() => void) | undefined;
  #answered = false;
  #complete = false;
  #failure: unknown;
  #resolveHead!: (response: FileResponse) => void;
  #rejectHead!: (error: unknown) => void;

  constructor(url: URL, headers: Record<string, string>, signal: AbortSignal | undefined) {
    this.#url = url;
    this.#signal = signal;
    this.head = new Promise((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    const request = requestHead(url, headers);
    this.#page = this.#pool.take();
    this.#next = this.#page!.bytes;
    this.#listenToParser();
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const onread = { buffer: () => this.#next, callback: (bytes: number, into: Uint8Array) => this.#onRead(bytes, into) };
    this.#socket =
      url.protocol === 'https:'
        ? // tls.connect takes every socket.connect() option (Node's docs), `onread` too; @types/node lacks it.
          connectTls({ host, port, onread, ALPNProtocols: ['http/1.1'], ...(isIP(host) ? {} : { servername: host }) } as ConnectionOptions)
        : connectTcp({ host, port, onread });
    this.#socket.on('error', (error) => this.#fail(new ConnectionError(`The download from ${urlForErrors(url)} failed: ${error.message}`, { cause: error })));
    this.#socket.on('end', () => this.#onEnd());
    this.#socket.on('close', () => this.#onEnd());
    // write, not end: many servers (Node's among them) take a half-closed request as a client gone away.
    this.#socket.write(request);
    if (signal?.aborted) this.#abort();
    else signal?.addEventListener('abort', this.#abort, { once: true });
  }

  readonly #abort = () => this.#fail(this.#signal?.reason);

  #listenToParser(): void {
    const parser = this.#parser;
    parser[HTTPParser.kOnHeadersComplete] = (info) => {
      // 1xx answers (103 Early Hints) come before the real one: skip them.
      if (info.statusCode < 200) return 1;
      this.#answer(info.statusCode, info.statusMessage, info.headers);
      return info.statusCode === 204 || info.statusCode === 304 ? 1 : 0;
    };
    parser[HTTPParser.kOnBody] = (bytes: Buffer, start: number, length: number) => this.#accept(bytes, start, length);
    parser[HTTPParser.kOnMessageComplete] = () => {
      if (!this.#answered) return;
      this.#complete = true;
      this.#sealPage();
      this.#wake();
    };
  }

  #answer(status: number, statusMessage: string, raw: string[]): void {
    const headers = new Headers();
    const lengths = new Set<string>();
    try {
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i]!;
        const value = raw[i + 1]!.trim();
        headers.append(name, value);
        const lower = name.toLowerCase();
        if (lower === 'content-length') lengths.add(value);
        // http-parser-js frames only `chunked`: any other coding would reach the file as body bytes.
        if (lower === 'transfer-encoding' && value.toLowerCase() !== 'chunked') throw new Error(`Transfer-Encoding ${value} is not supported`);
      }
      // The parser reads "12abc" as NaN and two lengths as the first: neither may frame a file.
      const [length, ...others] = lengths;
      if (others.length > 0 || (length !== undefined && !/^\d+$/.test(length))) throw new Error('an invalid Content-Length');
    } catch (error) {
      this.#fail(new ConnectionError(`The download host sent ${(error as Error).message} (GET ${urlForErrors(this.#url)})`));
      return;
    }
    this.#answered = true;
    this.#resolveHead({
      status,
      headers,
      url: this.#url.href,
      chunks: () => this.#body(),
      release: (chunk) => this.#release(chunk),
      cancel: async (reason) => this.#fail(reason ?? new ConnectionError('The download was cancelled')),
      toResponse: () => this.#toResponse(status, statusMessage, headers),
    });
  }

  /** Data arrived in `into` (a page's free part or the landing buffer). */
  #onRead(bytes: number, into: Uint8Array): boolean {
    const memory = into.buffer === this.#landing.buffer ? this.#landing : this.#page!.bytes;
    const start = into.byteOffset - memory.byteOffset;
    let parsed: number | Error;
    try {
      parsed = this.#parser.execute(memory, start, bytes);
    } catch (error) {
      // Thrown by our own callbacks (the parser rethrows them): never out of a socket callback.
      parsed = error instanceof Error ? error : new Error(String(error));
    }
    // The parser's own errors say only "Parse Error"; its code names the fault (HPE_UNEXPECTED_CONTENT_LENGTH).
    if (parsed instanceof Error && 'code' in parsed) parsed.message = `${parsed.message} (${String(parsed.code)})`;
    // Checked first: http-parser-js counts a read that ends the answer as header bytes ("max header size exceeded").
    if (this.#complete || this.#failure !== undefined) {
      this.#socket.destroy();
      return false;
    }
    if (parsed instanceof Error) {
      this.#fail(new ConnectionError(`The download host's answer is not valid HTTP/1.1 (GET ${urlForErrors(this.#url)}): ${parsed.message}`));
      return false;
    }
    return this.#chooseNextTarget();
  }

  /**
   * Body bytes, somewhere in the memory just read: moved down to the end of
   * the page's body bytes (over the head or a chunk-size line) when not
   * already there, and handed out as one chunk.
   */
  #accept(memory: Buffer, start: number, length: number): void {
    // http-parser-js passes a view (`slice`) of the memory it was given; `start` is 0 within it.
    const from = memory.byteOffset + start;
    let offset = 0;
    while (offset < length) {
      const page = this.#page;
      if (!page) throw new Error('no page to accept body bytes into');
      const take = Math.min(length - offset, page.room);
      const at = page.bytes.byteOffset + page.filled;
      if (memory.buffer !== page.bytes.buffer) page.bytes.set(memory.subarray(start + offset, start + offset + take), page.filled);
      else if (from + offset !== at) page.bytes.copyWithin(page.filled, from + offset - page.bytes.byteOffset, from + offset + take - page.bytes.byteOffset);
      this.#lend(page, take);
      offset += take;
      if (page.room === 0) {
        this.#sealPage();
        this.#page = this.#pool.take();
      }
    }
  }

  #lend(page: Page, length: number): void {
    this.#chunks.push(page.bytes.subarray(page.filled, page.filled + length));
    page.filled += length;
    page.lent++;
    this.#wake();
  }

  /** Points the next read at free memory; false pauses the socket until a page is written. */
  #chooseNextTarget(): boolean {
    if (this.#page && this.#page.room === 0) this.#sealPage();
    if (!this.#page) this.#page = this.#pool.take();
    if (this.#page) {
      this.#next = this.#page.bytes.subarray(this.#page.filled);
      return true;
    }
    this.#next = this.#landing;
    this.#pool.whenFree(() => {
      if (this.#failure !== undefined || this.#complete) return;
      this.#page = this.#pool.take();
      this.#socket.resume();
    });
    return false;
  }

  /** The page gets no more bytes; it goes back to the pool once its chunks are written. */
  #sealPage(): void {
    const page = this.#page;
    if (!page) return;
    this.#page = undefined;
    page.sealed = true;
    if (page.lent === 0) this.#pool.giveBack(page);
  }

  #release(chunk: Uint8Array): void {
    const page = this.#pool.pageOf(chunk);
    if (!page) return;
    page.lent--;
    if (page.sealed && page.lent === 0) this.#pool.giveBack(page);
  }

  async *#body(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (this.#read < this.#chunks.length) {
          const chunk = this.#chunks[this.#read]!;
          this.#chunks[this.#read++] = undefined!;
          // Compact now and then: the array would otherwise hold one slot per chunk of the file.
          if (this.#read === this.#chunks.length) {
            this.#chunks.length = 0;
            this.#read = 0;
          }
          yield chunk;
          continue;
        }
        if (this.#failure !== undefined) throw this.#failure;
        if (this.#complete) return;
        await new Promise<void>((resolve) => {
          this.#wakeReader = resolve;
        });
      }
    } finally {
      if (!this.#complete) this.#fail(new ConnectionError('The download body was not read to its end'));
    }
  }

  #wake(): void {
    const wake = this.#wakeReader;
    this.#wakeReader = undefined;
    wake?.();
  }

  #onEnd(): void {
    if (this.#complete || this.#failure !== undefined) return;
    // A body framed by the connection's close ends here; any other framing cut short is an error.
    const ended = this.#parser.finish();
    if (ended instanceof Error || !this.#complete) {
      this.#fail(new ConnectionError(`The connection to ${urlForErrors(this.#url)} closed before the answer ended`));
    }
  }

  #fail(reason: unknown): void {
    if (this.#failure !== undefined || (this.#complete && this.#read >= this.#chunks.length)) {
      this.#socket?.destroy();
      return;
    }
    this.#failure = reason;
    this.#signal?.removeEventListener('abort', this.#abort);
    this.#socket?.destroy();
    if (!this.#answered) this.#rejectHead(reason);
    this.#wake();
  }

  #toResponse(status: number, statusText: string, headers: Headers): Response {
    const body = this.#body();
    const empty = status === 204 || status === 304;
    const stream = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const next = await body.next();
        if (next.done) return controller.close();
        // A web stream's reader may keep the chunk: hand it a copy, and the page back.
        // (A Buffer's slice() is a view: copy explicitly.)
        const copy = new Uint8Array(next.value.length);
        copy.set(next.value);
        controller.enqueue(copy);
        this.#release(next.value);
      },
      cancel: async (reason) => {
        await body.return(undefined);
        this.#fail(reason ?? new ConnectionError('The download was cancelled'));
      },
    });
    const response = new Response(empty ? null : stream, { status, statusText, headers });
    // A constructed Response has url "": keep where the answer came from.
    Object.defineProperty(response, 'url', { value: this.#url.href });
    return response;
  }
}

/** The request, refusing a header that could end the line it is on. */
function requestHead(url: URL, headers: Record<string, string>): string {
  let head = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) throw new TypeError(`Invalid request header ${JSON.stringify(name)}`);
    head += `${name}: ${value}\r\n`;
  }
  return `${head}\r\n`;
}
