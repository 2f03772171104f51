/**
 * The fixed memory a download reads its body into: a few pages, allocated
 * once, filled by the socket and handed back once written. Node's own
 * socket reads allocate a fresh 64 KiB buffer each, which V8 frees only
 * when its external-memory limit forces a collection: on 1 GiB that is
 * 40–80 MiB of spent buffers alive at any time. Reused pages keep the
 * body's memory at `count × size`, whatever the file's size.
 */
export class PagePool {
  readonly size: number;
  readonly #free: Page[] = [];
  /** A chunk's page, found by the memory the chunk is a view of. */
  readonly #byMemory = new Map<ArrayBufferLike, Page>();
  /** Who waits for a page: the reader, paused until one is written. */
  #waiting: (() => void) | undefined;

  constructor(count: number, size: number) {
    this.size = size;
    for (let i = 0; i < count; i++) {
      // Slow: a page of its own, never a slice of Node's shared pool, so its memory names it.
      const page = new Page(Buffer.allocUnsafeSlow(size));
      this.#free.push(page);
      this.#byMemory.set(page.bytes.buffer, page);
    }
  }

  /** The page `chunk` was cut from, if it is one of ours. */
  pageOf(chunk: Uint8Array): Page | undefined {
    return this.#byMemory.get(chunk.buffer);
  }

  /** A page to fill, or undefined when all are in use (the reader must pause). */
  take(): Page | undefined {
    const page = this.#free.pop();
    page?.clear();
    return page;
  }

  /** Calls `wake` once, when a page is free again. */
  whenFree(wake: () => void): void {
    if (this.#free.length > 0) wake();
    else this.#waiting = wake;
  }

  /** Hands a page back once nothing refers to its bytes. */
  giveBack(page: Page): void {
    this.#free.push(page);
    const wake = this.#waiting;
    this.#waiting = undefined;
    wake?.();
  }
}

/**
 * One page: bytes [0, filled) hold body bytes handed out as chunks; the
 * socket reads into [filled, size). It returns to the pool when it is full
 * (or the body ended) and every chunk cut from it was released.
 */
export class Page {
  readonly bytes: Buffer;
  filled = 0;
  /** Chunks cut from this page and not yet released. */
  lent = 0;
  /** No more bytes go in: it returns to the pool once `lent` is 0. */
  sealed = false;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  clear(): void {
    this.filled = 0;
    this.lent = 0;
    this.sealed = false;
  }

  get room(): number {
    return this.bytes.length - this.filled;
  }
}
