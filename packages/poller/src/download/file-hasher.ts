import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The SHA-256 of a file being written, taken from each chunk as it is
 * accepted, on the thread that receives it. A worker thread (tried: it read
 * the written bytes back from the page cache) cost more CPU in all than it
 * took off this thread, and 10–25 MiB of memory, once the direct GET left
 * this thread with little else to do (BENCHMARKS.md, figure 1).
 */
export class FileHasher {
  readonly #path: string;
  #hash: Hash | undefined = createHash('sha256');

  constructor(path: string) {
    this.#path = path;
  }

  /** Hashes the first `bytes` of the file as it is (a resumed download's kept part). */
  async resumeAt(bytes: number): Promise<void> {
    for await (const chunk of createReadStream(this.#path, { end: bytes - 1, highWaterMark: 1 << 20 })) this.accepted(chunk as Buffer);
  }

  /** A chunk accepted into the file, in order. */
  accepted(chunk: Uint8Array): void {
    this.#hash?.update(chunk);
  }

  /** Starts over at byte 0 (the file was truncated). */
  reset(): void {
    this.#hash = createHash('sha256');
  }

  /** The hex digest of everything accepted; once. */
  digest(): string {
    const hash = this.#hash;
    if (!hash) throw new Error('the hash was already taken');
    this.#hash = undefined;
    return hash.digest('hex');
  }
}
