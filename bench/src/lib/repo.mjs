// Where things are in the repository, for figures that build or pack it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const PUBLISHED_PACKAGES = ['core', 'omni', 'videodb', 'closient', 'poller', 'sandbox', 'cli'];

export function packageJson(name) {
  try {
    return JSON.parse(readFileSync(join(REPO_ROOT, 'packages', name, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
