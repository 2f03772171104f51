import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What the batch recorded about a file it wrote. */
export interface FinishedExport {
  /** The export's journal key with its folder: which manifest line this was. */
  key: string;
  file: string;
  bytes: number;
  sha256: string;
  jobId: string;
  /** The file's mtime when written: an unchanged size and mtime skip re-hashing on a re-run. */
  mtimeMs: number;
}

/** The batch's record in the output folder: hidden, one JSON object a line, appended as each file lands. */
export const FINISHED_EXPORTS_FILE = '.exportkit-batch/finished.jsonl';

/**
 * The files earlier runs of a batch wrote, so a re-run skips them. Append-only
 * JSON Lines: a crash mid-append leaves at most one torn last line, which
 * reads as not recorded (that export runs again; its journal continues it).
 */
export class FinishedExports {
  readonly #path: string;
  readonly #byKey: Map<string, FinishedExport>;

  private constructor(path: string, byKey: Map<string, FinishedExport>) {
    this.#path = path;
    this.#byKey = byKey;
  }

  static async open(outDir: string): Promise<FinishedExports> {
    const path = join(outDir, FINISHED_EXPORTS_FILE);
    const byKey = new Map<string, FinishedExport>();
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const entry = parseEntry(line);
      if (entry) byKey.set(entry.key, entry);
    }
    return new FinishedExports(path, byKey);
  }

  /**
   * The recorded file of `key` if it is still there and still the file that
   * was written: the same size, and the same mtime or else the same sha256.
   */
  async stillThere(key: string): Promise<FinishedExport | undefined> {
    const entry = this.#byKey.get(key);
    if (!entry) return undefined;
    const info = await stat(entry.file).catch(() => undefined);
    if (!info?.isFile() || info.size !== entry.bytes) return undefined;
    if (info.mtimeMs === entry.mtimeMs) return entry;
    return (await sha256Of(entry.file)) === entry.sha256 ? entry : undefined;
  }

  /** Records a file that landed; synced, so a crash right after still skips it next time. */
  async record(entry: Omit<FinishedExport, 'mtimeMs'>): Promise<void> {
    const { mtimeMs } = await stat(entry.file);
    const full = { ...entry, mtimeMs };
    await mkdir(join(this.#path, '..'), { recursive: true });
    const handle = await open(this.#path, 'a');
    try {
      await handle.write(`${JSON.stringify(full)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.#byKey.set(entry.key, full);
  }
}

function parseEntry(line: string): FinishedExport | undefined {
  try {
    const value = JSON.parse(line) as Partial<FinishedExport>;
    const ok =
      typeof value.key === 'string' &&
      typeof value.file === 'string' &&
      Number.isSafeInteger(value.bytes) &&
      typeof value.sha256 === 'string' &&
      typeof value.jobId === 'string' &&
      typeof value.mtimeMs === 'number';
    return ok ? (value as FinishedExport) : undefined;
  } catch {
    return undefined;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
