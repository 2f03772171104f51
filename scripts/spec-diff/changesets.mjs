// Reads the pending changesets in .changeset/ (with changesets' own parser)
// and writes the one a spec update releases.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parseChangeset from '@changesets/parse';
import { REPO_ROOT } from '../lib/vendors.mjs';
import { writeFileAtomic } from './atomic-write.mjs';
import { maxBump } from './bumps.mjs';

export const CHANGESET_DIR = '.changeset';

/** Every pending changeset: { file, releases: [{ name, type }], summary }. */
export function pendingChangesets() {
  const dir = join(REPO_ROOT, CHANGESET_DIR);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => ({ file, ...parseChangeset(readFileSync(join(dir, file), 'utf8')) }));
}

/** The pending changeset files that name a package. */
export function changesetFilesNaming(packageName, changesets = pendingChangesets()) {
  return changesets.filter((c) => c.releases.some((r) => r.name === packageName)).map((c) => c.file).sort();
}

/**
 * The largest bump the pending changesets give a package ('none' when none
 * names it), and their files; changesets in `except` (already pending at the
 * baseline, written for other changes) do not count.
 */
export function pendingBumpOf(packageName, changesets = pendingChangesets(), except = []) {
  const naming = changesets.filter((c) => !except.includes(c.file) && c.releases.some((r) => r.name === packageName));
  const bump = maxBump(...naming.flatMap((c) => c.releases.filter((r) => r.name === packageName).map((r) => r.type)));
  return { bump, files: naming.map((c) => c.file) };
}

/** The changeset's text: the releases, then the summary and the change list. */
export function renderChangeset(releases, summary, changes) {
  const front = releases.map(({ name, type }) => `"${name}": ${type}`).join('\n');
  const list = changes.map((c) => `- **${c.bump}** ${c.where}: ${c.what} (${c.rule})`).join('\n');
  return `---\n${front}\n---\n\n${summary}\n${list ? `\n${list}\n` : ''}`;
}

/** Writes `.changeset/<name>.md` atomically and returns its repo-relative path; refuses to overwrite one. */
export function writeChangeset(name, text) {
  const path = join(REPO_ROOT, CHANGESET_DIR, `${name}.md`);
  if (existsSync(path)) throw new Error(`${CHANGESET_DIR}/${name}.md already exists`);
  writeFileAtomic(path, text);
  return `${CHANGESET_DIR}/${name}.md`;
}
