import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseResumeToken, type ResumeToken } from './resume-token.js';

/**
 * Where the resume tokens of exports under way are kept, by a key that names
 * the export (the same command with the same target and options), so a run
 * after a crash continues the vendor job instead of starting another. Holds
 * tokens only — vendor, job id, request context — never an API key. A file
 * store is the default; a shared one (Redis) plugs in through the same shape.
 */
export interface JobStore {
  get(key: string): Promise<ResumeToken | undefined>;
  set(key: string, token: ResumeToken): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The journal's folder inside a destination folder: hidden, one small file per export under way. */
export const JOURNAL_FOLDER = '.exportkit-jobs';

/** A journal entry larger than this is not one of ours. */
const MAX_ENTRY_BYTES = 16 * 1024;

/**
 * A JobStore in `<folder>/.exportkit-jobs/`: one JSON file per key (named by
 * the key's hash, so any key makes a safe name and writers of different keys
 * never contend), each replaced in one step (write, fsync, rename). A
 * missing, unreadable or foreign entry reads as none: the export starts anew.
 */
export function createFileJobStore(folder: string): JobStore {
  const dir = join(folder, JOURNAL_FOLDER);
  const pathOf = (key: string) => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  return {
    async get(key) {
      try {
        const text = await readFile(pathOf(key), 'utf8');
        if (text.length > MAX_ENTRY_BYTES) return undefined;
        const entry = JSON.parse(text) as { key?: unknown; token?: unknown };
        return entry.key === key ? parseResumeToken(entry.token) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, token) {
      // Another export's delete may remove the (then empty) folder between our
      // mkdir and open: make it again, a bounded number of times.
      for (let attempt = 1; ; attempt++) {
        try {
          await writeEntry(dir, pathOf(key), JSON.stringify({ key, token }));
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
        }
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
      // The folder goes once it is empty, so a finished run leaves only its files behind.
      await rmdir(dir).catch(() => undefined);
    },
  };
}

/** Replaces one entry in one step: write a temp file, fsync, rename. */
async function writeEntry(dir: string, path: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
