import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SHA256_WORKER_SOURCE } from './sha256-worker.js';

/**
 * Past this many written bytes the SHA-256 moves to a worker thread. A
 * small file is hashed inline (a thread costs tens of ms and ~10 MiB to
 * start); on a big one the hash is the largest CPU cost of the transfer, and
 * off the receiving thread it runs beside it, not in turn with it.
 */
const WORKER_AFTER_BYTES = 16 << 20;

type WorkerAnswer = { digest: string; bytes: number } | { error: string };

/**
 * The SHA-256 of a file being written. Chunks are hashed as they are
 * accepted while the file is small; once it is big, a worker takes over from
 * byte 0 and follows the completed writes, reading the bytes back from the
 * page cache (the same bytes, in the same order, that were accepted).
 */
export class FileHasher {
  readonly #path: string;
  #inline: Hash | undefined = createHash('sha256');
  #worker: Worker | undefined;
  #answers: Array<(answer: WorkerAnswer) => void> = [];
  #failure: Error | undefined;
  #exited = false;

  constructor(path: string) {
    this.#path = path;
  }

  /** Hashes the first `bytes` of the file as it is (a resumed download's kept part). */
  async resumeAt(bytes: number): Promise<void> {
    if (bytes >= WORKER_AFTER_BYTES) return this.written(bytes);
    for await (const chunk of createReadStream(this.#path, { end: bytes - 1 })) this.accepted(chunk as Buffer);
  }

  /** A chunk accepted into the file (hashed here unless a worker follows the file). */
  accepted(chunk: Uint8Array): void {
    this.#inline?.update(chunk);
  }

  /** Bytes [0, bytes) are written to the file. */
  written(bytes: number): void {
    if (!this.#worker && bytes >= WORKER_AFTER_BYTES) this.#startWorker();
    this.#worker?.postMessage({ to: bytes });
  }

  /** Starts over at byte 0 (the file was truncated). */
  async reset(): Promise<void> {
    await this.close();
    this.#inline = createHash('sha256');
    this.#failure = undefined;
    this.#exited = false;
  }

  /** The hex digest of the file's first `bytes` bytes, all written. */
  async digest(bytes: number): Promise<string> {
    const worker = this.#worker;
    if (!worker) {
      const inline = this.#inline;
      if (!inline) throw new Error('the hash was already taken');
      this.#inline = undefined;
      return inline.digest('hex');
    }
    // A worker that already died would never answer.
    if (this.#failure) throw this.#failure;
    if (this.#exited) throw new Error('hashing the download failed: the hashing thread stopped');
    worker.postMessage({ to: bytes });
    const answer = await new Promise<WorkerAnswer>((resolve) => {
      this.#answers.push(resolve);
      worker.postMessage({ digest: true });
    });
    if (this.#failure) throw this.#failure;
    if ('error' in answer) throw new Error(`hashing the download failed: ${answer.error}`);
    if (answer.bytes !== bytes) throw new Error(`hashed ${answer.bytes} bytes of ${bytes}`);
    return answer.digest;
  }

  /** Stops the worker, if one runs. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #startWorker(): void {
    // The inline hash is dropped: the worker hashes the file from byte 0.
    this.#inline = undefined;
    // It allocates one 1 MiB buffer and nothing else: a small heap keeps its memory small.
    const worker = new Worker(SHA256_WORKER_SOURCE, {
      eval: true,
      workerData: { path: this.#path },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16, codeRangeSizeMb: 4, stackSizeMb: 1 },
    });
    // A download that is never finished must not keep the process alive.
    worker.unref();
    // A stopped worker's last words (after a reset) must not reach the next file's hash.
    const current = () => this.#worker === worker;
    worker.on('message', (answer: WorkerAnswer) => {
      if (!current()) return;
      if ('error' in answer && this.#answers.length === 0) this.#failure ??= new Error(`hashing the download failed: ${answer.error}`);
      else this.#answers.shift()?.(answer);
    });
    worker.on('error', (error) => {
      if (!current()) return;
      this.#failure ??= error;
      for (const answer of this.#answers.splice(0)) answer({ error: error.message });
    });
    worker.on('exit', () => {
      if (current()) this.#exited = true;
      for (const answer of this.#answers.splice(0)) answer({ error: 'the hashing thread stopped' });
    });
    this.#worker = worker;
  }
}
