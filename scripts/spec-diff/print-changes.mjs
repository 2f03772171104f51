// The readable API diff spec:update prints: one line per change, worst first;
// identical patch-level lines (one description shared by seven responses)
// collapse into one with a count.
import { BUMPS } from './bumps.mjs';

export function collapseChanges(changes) {
  const sorted = [...changes].sort((a, b) => BUMPS.indexOf(b.bump) - BUMPS.indexOf(a.bump) || a.where.localeCompare(b.where));
  const out = [];
  const patches = new Map();
  for (const change of sorted) {
    if (change.bump !== 'patch') {
      out.push(change);
      continue;
    }
    const key = `${change.what}\0${change.rule}`;
    const seen = patches.get(key);
    if (seen) seen.count += 1;
    else {
      const entry = { ...change, count: 1 };
      patches.set(key, entry);
      out.push(entry);
    }
  }
  return out.map((c) => (c.count > 1 ? { ...c, where: `${c.where} (and ${c.count - 1} more)` } : c));
}

export function formatChanges(changes) {
  if (changes.length === 0) return '  (none: the documents mean the same, e.g. a reformat)';
  return changes.map((c) => `  ${c.bump.padEnd(5)}  ${c.where}: ${c.what}  [${c.rule}]`).join('\n');
}
