import { createHash } from 'node:crypto';
import { sha256OfLayout } from '../files/layout.js';
import type { MadeFile } from '../files/omni-file.js';

/**
 * Each job's finished file, made once on first use (download or artifact())
 * and kept as a layout, with its checksum computed once on demand.
 */
export class FileCache {
  readonly #files = new Map<string, Promise<MadeFile>>();
  readonly #hashes = new Map<string, Promise<string>>();

  file(key: string, make: () => MadeFile | Promise<MadeFile>): Promise<MadeFile> {
    let file = this.#files.get(key);
    if (!file) {
      file = Promise.resolve().then(make);
      this.#files.set(key, file);
    }
    return file;
  }

  sha256(key: string, file: MadeFile): Promise<string> {
    let hash = this.#hashes.get(key);
    if (!hash) {
      hash = Promise.resolve().then(() => sha256OfLayout(file.layout));
      this.#hashes.set(key, hash);
    }
    return hash;
  }
}

/** A strong ETag for a job's file: the file is a function of the job, so the job names its version. */
export function etagOf(key: string, size: number): string {
  return `"${createHash('sha256').update(`${key}:${size}`).digest('hex').slice(0, 32)}"`;
}
