import { renameSync, writeFileSync } from 'node:fs';
import { link, open, readFile, rename, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DownloadError } from '../errors/download-error.js';
import type { JobState } from '../export/job-state.js';
import { FileHasher } from './file-hasher.js';
import { writeInPieces } from './write-in-pieces.js';

/** Chunks are gathered into batches of about this size: one write per MiB, not per 64 KiB chunk (split into pieces when written here). */
const WRITE_BATCH_BYTES = 1 << 20;
/**
 * A batch is written on this thread, in writes of this size (write-in-pieces.ts):
 * a 1 MiB batch takes 0.3–0.4 ms, less than hashing it, and no round trip to
 * the thread pool per piece.
 */
const WRITE_PIECE_BYTES = 32 << 10;
/**
 * Batches that take longer than this on this thread, SLOW_BATCHES_IN_A_ROW
 * times in a row (a throttled or a network disk), send the rest of the file
 * to the thread pool: the event loop must not keep waiting for a slow disk.
 * One slow batch is not enough: a journal commit or a new extent stalls a
 * single write for 5–16 ms now and then on a healthy disk.
 */
const SLOW_BATCH_MS = 20;
const SLOW_BATCHES_IN_A_ROW = 3;
/**
 * In the thread pool, writes run beside the transfer: each batch is handed to libuv's thread
 * pool as soon as it is full, at its own offset in the file, so two batches
 * can be written at once while the next one gathers and is hashed. Past this
 * many bytes in flight, the transfer waits for the oldest write: memory stays
 * flat (a direct GET's pages, direct-get.ts, hold at least twice this).
 */
const MAX_QUEUED_BYTES = 2 << 20;
/**
 * After this many bytes a background datasync starts while the transfer goes
 * on, so the fsync before the rename finds little left to flush (on 1 GiB
 * that final flush alone took 1.4 s), and so a crash keeps all but the last
 * few MiB resumable: only synced bytes are claimed in the meta file.
 */
const SYNC_EVERY_BYTES = 16 << 20;
/**
 * The first background datasync comes sooner: a claim lags the bytes
 * written by one interval plus the sync's own time, and with the writes on
 * the receiving thread (hundreds of MiB/s) that lag alone is 15–20 MiB. A
 * process killed at 32 MiB still leaves something to resume from.
 */
const FIRST_SYNC_BYTES = 4 << 20;
/**
 * How far the writes may run ahead of the last completed datasync before
 * the transfer waits for the one running (once per write, so the lag stays
 * within about this plus one sync interval): what a crash can cost, whatever the disk's
 * flush time (5–120 ms here for 16 MiB; at 800 MiB/s that is up to 100 MiB
 * written meanwhile). The final fsync has to flush those bytes anyway, so
 * waiting earlier moves that work rather than adding to it.
 */
const MAX_UNSYNCED_BYTES = 24 << 20;

/** A batch handed to the thread pool, in the order the batches were cut. */
interface Write {
  bytes: number;
  state: 'pending' | 'done' | 'failed';
  /** Settles when the write does; never rejects (a failure is kept in #writeError). */
  finished: Promise<void>;
}

/**
 * What a partial file needs to be continued after a stop or a crash: the
 * If-Range validator, written as soon as the response gives it, and how many
 * leading bytes an fsync has made durable. A resume keeps exactly those: bytes
 * past them may be garbage after a power loss.
 */
interface PartialMeta {
  validator: string;
  durableBytes?: number;
}

/**
 * The file being downloaded: a hidden temp file next to the destination (same
 * folder, so the final rename is atomic and never crosses file systems). Its
 * name is derived from the job, so a resumed download finds what an
 * interrupted one kept. The destination path itself never holds partial bytes.
 */
export class PartialFile {
  readonly path: string;
  readonly #metaPath: string;
  #handle: FileHandle | undefined;
  readonly #hasher: FileHasher;
  #batch: Uint8Array[] = [];
  /** Who gets each chunk of the batch back once it is written (see FileResponse.release). */
  #batchReleases: Array<(chunk: Uint8Array) => void> = [];
  #batchBytes = 0;
  /** Writes not yet counted into #writtenBytes, oldest first (a failed one stays, and stops the count). */
  #writes: Write[] = [];
  #writeError: unknown;
  #queuedBytes = 0;
  /** Batches are written on this thread until they are slow (SLOW_BATCH_MS). */
  #writeHere = true;
  #slowBatches = 0;
  readonly #slowBatchMs: number;
  /** The leading bytes whose writes have all completed (what a datasync started now makes durable). */
  #writtenBytes = 0;
  /** The leading bytes the last completed background datasync made durable. */
  #durableBytes = 0;
  #unsyncedBytes = 0;
  /** Whether a background datasync has started since the file was opened or reset (FIRST_SYNC_BYTES). */
  #syncStarted = false;
  /** Set once the file is being closed: no background datasync may start on a handle about to close. */
  #closing = false;
  #syncing: Promise<void> | undefined;
  /** Bumped by reset(): a background sync of the old bytes must not vouch for the new ones. */
  #generation = 0;
  /** Asked before every change to the file on disk; see `DownloadOptions.mayWrite`. */
  readonly #mayWrite: () => boolean;
  /** Bytes accepted so far (written, or gathered for the next write). */
  bytes = 0;
  validator: string | undefined;

  private constructor(dir: string, job: Pick<JobState, 'vendor' | 'id'>, mayWrite: () => boolean, slowBatchMs: number) {
    this.#mayWrite = mayWrite;
    this.#slowBatchMs = slowBatchMs;
    const id = job.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
    this.path = join(dir, `.${job.vendor}-${id}.exportkit-partial`);
    this.#metaPath = `${this.path}.json`;
    this.#hasher = new FileHasher(this.path);
  }

  /**
   * Opens the job's partial file, continuing what a kept one holds: its
   * durable prefix, hashed again. A tail no fsync vouched for is cut off.
   */
  static async open(
    dir: string,
    job: Pick<JobState, 'vendor' | 'id'>,
    mayWrite: () => boolean = () => true,
    /** Tests only: how slow a batch written on this thread may be (-1: every batch after the third goes to the thread pool). */
    slowBatchMs = SLOW_BATCH_MS,
  ): Promise<PartialFile> {
    const partial = new PartialFile(dir, job, mayWrite, slowBatchMs);
    partial.#checkOwnership();
    const meta = await readMeta(partial.#metaPath);
    const size = await stat(partial.path).then((s) => s.size, () => 0);
    const keep = meta ? Math.min(size, meta.durableBytes ?? size) : 0;
    if (meta && keep > 0) {
      await partial.#hasher.resumeAt(keep);
      partial.bytes = keep;
      partial.#writtenBytes = keep;
      partial.#durableBytes = keep;
      partial.validator = meta.validator;
    }
    if (partial.bytes > 0 && size > partial.bytes) await truncate(partial.path, partial.bytes);
    // Not 'a': on Linux an append-mode file ignores the offset of a positional write.
    partial.#handle = await open(partial.path, partial.bytes > 0 ? 'r+' : 'w');
    return partial;
  }

  /** Starts over from byte 0 (the server sent the whole file, or the kept bytes cannot be trusted). */
  async reset(validator: string | undefined): Promise<void> {
    this.#checkOwnership();
    this.#dropBatch();
    await this.#allWritten();
    this.#writes = [];
    this.#writeError = undefined;
    this.#writtenBytes = 0;
    this.#durableBytes = 0;
    this.#unsyncedBytes = 0;
    await this.#syncing;
    await this.#handle?.truncate(0);
    await this.#handle?.close();
    this.#handle = await open(this.path, 'w');
    this.#hasher.reset();
    this.bytes = 0;
    this.validator = validator;
    this.#generation++;
    this.#syncStarted = false;
    // Recorded now, not at a clean stop: a crash from here on can still resume.
    if (validator) this.#writeMeta(0);
    else await rm(this.#metaPath, { force: true });
  }

  /** Takes `chunk` into the file; `release` gets it back once written (or dropped). */
  async write(chunk: Uint8Array, release: (chunk: Uint8Array) => void = () => undefined): Promise<void> {
    if (!this.#handle) throw new Error('partial file is closed');
    if (this.#writeError) throw this.#writeError;
    this.#hasher.accepted(chunk);
    this.#batch.push(chunk);
    this.#batchReleases.push(release);
    this.#batchBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.#batchBytes >= WRITE_BATCH_BYTES) this.#queueBatch();
    while (this.#queuedBytes > MAX_QUEUED_BYTES) await this.#oldestWrite();
    if (this.#syncing && this.#writtenBytes - this.#durableBytes > MAX_UNSYNCED_BYTES) await this.#syncing;
    if (this.#writeError) throw this.#writeError;
  }

  /**
   * Writes the gathered chunks at their own offset: here, at once, while
   * that is fast; else handed to the thread pool without waiting for the
   * writes before it, so the disk never waits for this thread to come round
   * to the next write (it may be hashing).
   */
  #queueBatch(): void {
    const handle = this.#handle;
    if (!handle || this.#batchBytes === 0) return;
    this.#checkOwnership();
    const batch = this.#batch;
    const releases = this.#batchReleases;
    const size = this.#batchBytes;
    // Where the batch goes: every byte accepted before it.
    const position = this.bytes - size;
    this.#batch = [];
    this.#batchReleases = [];
    this.#batchBytes = 0;
    // After a failed write nothing more is written: the file would have a hole.
    if (this.#writeError) {
      giveBack(batch, releases);
      return;
    }
    this.#queuedBytes += size;
    const write: Write = { bytes: size, state: 'pending', finished: Promise.resolve() };
    this.#writes.push(write);
    if (this.#writeHere) {
      const started = performance.now();
      try {
        writeInPieces(handle.fd, batch, position, WRITE_PIECE_BYTES);
      } catch (error) {
        this.#settle(write, batch, releases, 'failed', error, handle);
        return;
      }
      this.#slowBatches = performance.now() - started > this.#slowBatchMs ? this.#slowBatches + 1 : 0;
      if (this.#slowBatches >= SLOW_BATCHES_IN_A_ROW) this.#writeHere = false;
      this.#settle(write, batch, releases, 'done', undefined, handle);
      return;
    }
    write.finished = handle.writev(batch, position).then(
      () => this.#settle(write, batch, releases, 'done', undefined, handle),
      (error: unknown) => this.#settle(write, batch, releases, 'failed', error, handle),
    );
  }

  #settle(write: Write, batch: Uint8Array[], releases: Array<(chunk: Uint8Array) => void>, state: 'done' | 'failed', error: unknown, handle: FileHandle): void {
    write.state = state;
    if (state === 'failed') this.#writeError ??= error;
    this.#queuedBytes -= write.bytes;
    giveBack(batch, releases);
    // Only a prefix with no write missing counts as written: writes may end out of order.
    while (this.#writes[0]?.state === 'done') {
      const first = this.#writes.shift()!;
      this.#writtenBytes += first.bytes;
      this.#unsyncedBytes += first.bytes;
    }
    this.#startBackgroundSync(handle);
  }

  /** Waits for the oldest write still running. */
  async #oldestWrite(): Promise<void> {
    await this.#writes.find((write) => write.state === 'pending')?.finished;
  }

  /** Waits for every write handed to the thread pool. */
  async #allWritten(): Promise<void> {
    await Promise.all(this.#writes.map((write) => write.finished));
  }

  /** Forgets the gathered chunks, unwritten. */
  #dropBatch(): void {
    giveBack(this.#batch, this.#batchReleases);
    this.#batch = [];
    this.#batchReleases = [];
    this.#batchBytes = 0;
  }

  /** Writes everything gathered so far; rejects with the first write's failure. */
  async #drain(): Promise<void> {
    this.#queueBatch();
    await this.#allWritten();
    if (this.#writeError) throw this.#writeError;
  }

  /** Now and then, a datasync of what is written so far, while the transfer goes on. */
  #startBackgroundSync(handle: FileHandle): void {
    const interval = this.#syncStarted ? SYNC_EVERY_BYTES : FIRST_SYNC_BYTES;
    if (this.#closing || this.#unsyncedBytes < interval || this.#syncing) return;
    this.#syncStarted = true;
    this.#unsyncedBytes = 0;
    const written = this.#writtenBytes;
    const generation = this.#generation;
    // Not awaited: the disk flushes while the network delivers. Its failure
    // is not lost: the final sync before the rename reports it. Once it is
    // done, the meta file may claim those bytes (all written before the sync
    // began) for a resume after a crash.
    this.#syncing = handle
      .datasync()
      .then(() => {
        if (generation !== this.#generation) return;
        this.#durableBytes = written;
        if (this.validator) this.#writeMeta(written);
      })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.#syncing = undefined;
        // Bytes written while this sync ran may be due for the next one: do
        // not leave them for a write that may never come (a stalled transfer).
        if (this.#handle === handle) this.#startBackgroundSync(handle);
      });
  }

  /** Throws `write_refused` once `mayWrite` says this process may no longer touch the file. */
  #checkOwnership(): void {
    if (!this.#mayWrite()) throw refusedWrite();
  }

  /**
   * Leaves the file exactly as it is on disk (unflushed bytes dropped, no meta
   * written, nothing deleted): its new owner may be writing it already.
   */
  async abandon(): Promise<void> {
    this.#dropBatch();
    await this.#close(false);
  }

  /** Keeps the bytes so far for an explicit resume, with the validator If-Range needs. */
  async keep(): Promise<void> {
    if (!this.#mayWrite()) return this.abandon();
    await this.#close(true);
    if (this.validator && this.bytes > 0) this.#writeMeta(this.bytes);
    else await this.discard();
  }

  /**
   * Replaces the meta file in one step (write, then rename), so a crash
   * leaves the old claim or the new one. Synchronous on purpose: it is a
   * hundred bytes, and while the body arrives faster than it is written this
   * thread comes back to the event loop only every few MiB, so a claim made
   * of three thread-pool round trips landed some 35 MiB after its sync.
   */
  #writeMeta(durableBytes: number): void {
    // A background sync that ends after ownership was lost must not record anything either.
    if (!this.validator || !this.#mayWrite()) return;
    const meta: PartialMeta = { validator: this.validator, durableBytes };
    writeFileSync(`${this.#metaPath}.tmp`, JSON.stringify(meta));
    renameSync(`${this.#metaPath}.tmp`, this.#metaPath);
  }

  async discard(): Promise<void> {
    await this.#close(false);
    await rm(this.path, { force: true });
    await rm(this.#metaPath, { force: true });
    await rm(`${this.#metaPath}.tmp`, { force: true });
  }

  /**
   * Makes the file durable and moves it to `destination` in one step. Without
   * `overwrite`, a hard link claims the name atomically (EEXIST if taken), so
   * a file that appeared meanwhile is never replaced.
   */
  async commit(destination: string, overwrite: boolean): Promise<string> {
    await this.#close(true);
    this.#checkOwnership();
    const digest = this.#hasher.digest();
    if (overwrite) await rename(this.path, destination);
    else await claim(this.path, destination);
    await rm(this.#metaPath, { force: true });
    await syncDirectory(dirname(destination));
    return digest;
  }

  async #close(sync: boolean): Promise<void> {
    this.#closing = true;
    if (sync) await this.#drain();
    else await this.#allWritten();
    await this.#syncing;
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    try {
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

function giveBack(chunks: Uint8Array[], releases: Array<(chunk: Uint8Array) => void>): void {
  for (let i = 0; i < chunks.length; i++) releases[i]!(chunks[i]!);
}

function refusedWrite(): DownloadError {
  return new DownloadError('write_refused', 'Stopped writing: this process no longer owns the download');
}

async function claim(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
    await rm(from, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new DownloadError('exists', `${to} already exists (pass overwrite to replace it)`);
    // File systems without hard links: check, then rename (a narrow race, documented).
    if (await stat(to).then(() => true, () => false)) {
      throw new DownloadError('exists', `${to} already exists (pass overwrite to replace it)`);
    }
    await rename(from, to);
  }
}

/** Makes the rename itself durable; best effort, as some platforms cannot fsync a folder. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Windows and some network file systems refuse this; the file itself is already synced.
  }
}

async function readMeta(path: string): Promise<PartialMeta | undefined> {
  try {
    const meta = JSON.parse(await readFile(path, 'utf8')) as Partial<PartialMeta>;
    if (typeof meta.validator !== 'string' || meta.validator.length >= 1024) return undefined;
    const durable = meta.durableBytes;
    // A claim that is not a byte count trusts nothing (a meta file from before durableBytes was written only at a clean stop).
    if (durable !== undefined && !(Number.isSafeInteger(durable) && durable >= 0)) return { validator: meta.validator, durableBytes: 0 };
    return { validator: meta.validator, ...(durable !== undefined ? { durableBytes: durable } : {}) };
  } catch {
    return undefined;
  }
}
