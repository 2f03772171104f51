// What a scenario leaves in its destination folder: the file it should have
// written (checked by sha256), and anything else (temp or partial files).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder under the system temp dir; `remove` deletes it and all it holds. */
export async function freshFolder(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `exportkit-reliability-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The poller's hidden partial file and its resume metadata: `.<vendor>-<job>.exportkit-partial[.json]`. */
export const isKeptPartial = (name: string) => /^\..*\.exportkit-partial(\.json)?$/.test(name);

/** The CLI's journal of jobs under way (resume tokens, never keys), kept by an interrupted run so the same command continues. */
export const JOURNAL_FOLDER = '.exportkit-jobs';

/** Every text the journal of `dir` holds, for the credential check. */
export async function journalTexts(dir: string): Promise<string[]> {
  const folder = join(dir, JOURNAL_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  return Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
}

export interface FolderVerdict {
  /** Files whose bytes differ from what the vendor made. */
  corruptedFiles: number;
  /** Files that are neither the expected file nor an allowed kept partial. */
  partialFiles: number;
  names: string[];
}

/**
 * Lists `dir` after a scenario. `expected` is the one file that may be there
 * (with its checksum); kept partials count as left behind unless the
 * scenario asked for them (`keepPartial`).
 */
export async function inspectFolder(
  dir: string,
  expected: { file: string; sha256: string } | undefined,
  options: { keepPartial?: boolean } = {},
): Promise<FolderVerdict> {
  const names = (await readdir(dir)).sort();
  let corruptedFiles = 0;
  let partialFiles = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (expected && path === expected.file) {
      if ((await sha256OfFile(path)) !== expected.sha256) corruptedFiles++;
    } else if (!(options.keepPartial && isKeptPartial(name))) {
      partialFiles++;
    }
  }
  return { corruptedFiles, partialFiles, names };
}

/** Files of `dir` a user would see, with their sizes (the poller's kept partials are hidden). */
export async function visibleFileSizes(dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.')) continue;
    const size = await stat(join(dir, name)).then((s) => s.size, () => undefined);
    if (size !== undefined) sizes.set(name, size);
  }
  return sizes;
}
