import { link, open, readFile, rename, rm, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DownloadError } from '../errors/download-error.js';
import type { JobState } from '../export/job-state.js';
import { FileHasher } from './file-hasher.js';

/** Chunks are gathered into writes of about this size: one system call per MiB, not per 64 KiB chunk. */
const WRITE_BATCH_BYTES = 1 << 20;
/**
 * Writes run behind the transfer: the next batch gathers while the last one
 * is written (in libuv's thread pool), so the socket never waits for the
 * disk. Past this many bytes queued, the transfer waits: memory stays flat
 * (a direct GET's pages, direct-get.ts, hold at least twice this).
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
  /** The queued writes, in order; never rejects (a failure is kept in #writeError). */
  #writing: Promise<void> = Promise.resolve();
  #writeError: unknown;
  #queuedBytes = 0;
  /** Bytes whose write has completed (what a datasync started now makes durable). */
  #writtenBytes = 0;
  #unsyncedBytes = 0;
  #syncing: Promise<void> | undefined;
  /** Bumped by reset(): a background sync of the old bytes must not vouch for the new ones. */
  #generation = 0;
  /** Asked before every change to the file on disk; see `DownloadOptions.mayWrite`. */
  readonly #mayWrite: () => boolean;
  /** Bytes accepted so far (written, or gathered for the next write). */
  bytes = 0;
  validator: string | undefined;

  private constructor(dir: string, job: Pick<JobState, 'vendor' | 'id'>, mayWrite: () => boolean) {
    this.#mayWrite = mayWrite;
    const id = job.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
    this.path = join(dir, `.${job.vendor}-${id}.exportkit-partial`);
    this.#metaPath = `${this.path}.json`;
    this.#hasher = new FileHasher(this.path);
  }

  /**
   * Opens the job's partial file, continuing what a kept one holds: its
   * durable prefix, hashed again. A tail no fsync vouched for is cut off.
   */
  static async open(dir: string, job: Pick<JobState, 'vendor' | 'id'>, mayWrite: () => boolean = () => true): Promise<PartialFile> {
    const partial = new PartialFile(dir, job, mayWrite);
    partial.#checkOwnership();
    const meta = await readMeta(partial.#metaPath);
    const size = await stat(partial.path).then((s) => s.size, () => 0);
    const keep = meta ? Math.min(size, meta.durableBytes ?? size) : 0;
    if (meta && keep > 0) {
      await partial.#hasher.resumeAt(keep);
      partial.bytes = keep;
      partial.#writtenBytes = keep;
      partial.validator = meta.validator;
    }
    if (partial.bytes > 0 && size > partial.bytes) await truncate(partial.path, partial.bytes);
    partial.#handle = await open(partial.path, partial.bytes > 0 ? 'a' : 'w');
    return partial;
  }

  /** Starts over from byte 0 (the server sent the whole file, or the kept bytes cannot be trusted). */
  async reset(validator: string | undefined): Promise<void> {
    this.#checkOwnership();
    this.#dropBatch();
    await this.#writing;
    this.#writeError = undefined;
    this.#writtenBytes = 0;
    this.#unsyncedBytes = 0;
    await this.#syncing;
    await this.#handle?.truncate(0);
    await this.#handle?.close();
    this.#handle = await open(this.path, 'w');
    this.#hasher.reset();
    this.bytes = 0;
    this.validator = validator;
    this.#generation++;
    // Recorded now, not at a clean stop: a crash from here on can still resume.
    if (validator) await this.#writeMeta(0);
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
    if (this.#queuedBytes > MAX_QUEUED_BYTES) await this.#drain();
  }

  /** Queues the gathered chunks as one write, behind the ones already queued. */
  #queueBatch(): void {
    const handle = this.#handle;
    if (!handle || this.#batchBytes === 0) return;
    this.#checkOwnership();
    const batch = this.#batch;
    const releases = this.#batchReleases;
    const size = this.#batchBytes;
    this.#batch = [];
    this.#batchReleases = [];
    this.#batchBytes = 0;
    this.#queuedBytes += size;
    this.#writing = this.#writing.then(async () => {
      // After a failed write nothing more is written: the file would have a hole.
      // A write queued before ownership was lost must not land after it either.
      if (!this.#writeError && !this.#mayWrite()) this.#writeError = refusedWrite();
      if (this.#writeError) {
        this.#queuedBytes -= size;
        giveBack(batch, releases);
        return;
      }
      try {
        await handle.writev(batch);
        this.#writtenBytes += size;
        this.#unsyncedBytes += size;
        this.#startBackgroundSync(handle);
      } catch (error) {
        this.#writeError = error;
      } finally {
        this.#queuedBytes -= size;
        giveBack(batch, releases);
      }
    });
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
    await this.#writing;
    if (this.#writeError) throw this.#writeError;
  }

  /** Now and then, a datasync of what is written so far, while the transfer goes on. */
  #startBackgroundSync(handle: FileHandle): void {
    if (this.#unsyncedBytes < SYNC_EVERY_BYTES || this.#syncing) return;
    this.#unsyncedBytes = 0;
    const written = this.#writtenBytes;
    const generation = this.#generation;
    // Not awaited: the disk flushes while the network delivers. Its failure
    // is not lost: the final sync before the rename reports it. Once it is
    // done, the meta file may claim those bytes (all written before the sync
    // began) for a resume after a crash.
    this.#syncing = handle
      .datasync()
      .then(() => (this.validator && generation === this.#generation ? this.#writeMeta(written) : undefined))
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.#syncing = undefined;
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
    if (this.validator && this.bytes > 0) await this.#writeMeta(this.bytes);
    else await this.discard();
  }

  /** Replaces the meta file in one step (write, then rename), so a crash leaves the old claim or the new one. */
  async #writeMeta(durableBytes: number): Promise<void> {
    // A background sync that ends after ownership was lost must not record anything either.
    if (!this.validator || !this.#mayWrite()) return;
    const meta: PartialMeta = { validator: this.validator, durableBytes };
    await writeFile(`${this.#metaPath}.tmp`, JSON.stringify(meta));
    await rename(`${this.#metaPath}.tmp`, this.#metaPath);
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
    if (sync) await this.#drain();
    else await this.#writing;
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
