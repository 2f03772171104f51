import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Deletes everything in `dir`, so that the next download contender starts
 * with no file of the last one left (each is up to 1 GiB). curl -o truncates
 * its own last file as it opens it, and on this VM memory freed just before
 * is cheaper to write into again than memory freed seconds ago (free page
 * reporting, BENCHMARKS.md "Why small writes"): leftovers would favour
 * whoever comes next.
 */
export function emptyDir(dir) {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
}
