import { isAbsolute, normalize, sep } from 'node:path';
import type { VendorName } from '../options/vendor-name.js';
import type { ManifestEntry } from './manifest-entry.js';
import { ManifestError } from './manifest-error.js';
import { COMMON_FIELDS, fieldProblem, TARGET_FIELD, VENDOR_FIELDS, VENDOR_RULE } from './manifest-fields.js';
import { readManifestRecords, type ManifestRecord } from './read-manifest-records.js';

/** A line's `out`: a folder inside the batch's `--out`, never an absolute path or a way out of it. */
function checkFolder(name: string, line: number, value: string | undefined): string {
  if (value === undefined) return '.';
  const folder = normalize(value);
  if (isAbsolute(value) || folder === '..' || folder.startsWith(`..${sep}`)) {
    throw new ManifestError(name, line, 'out', `must be a folder inside --out, got "${value}"`);
  }
  return folder;
}

/**
 * Checks one record's fields: known to its vendor, strings, words from the
 * documented lists. (A queue worker checks each queued export the same way.)
 */
export function parseRecord(name: string, { line, fields }: ManifestRecord): ManifestEntry {
  if (fields.vendor === undefined) throw new ManifestError(name, line, 'vendor', 'is missing (omni, videodb or closient)');
  const vendorProblem = fieldProblem(VENDOR_RULE, fields.vendor);
  if (vendorProblem) throw new ManifestError(name, line, 'vendor', vendorProblem);
  const vendor = fields.vendor as VendorName;
  const known = { ...COMMON_FIELDS, ...VENDOR_FIELDS[vendor] };
  const inputs: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const rule = known[field];
    if (!rule) throw new ManifestError(name, line, field, `is not a field of a ${vendor} export (known: ${Object.keys(known).join(', ')})`);
    const problem = fieldProblem(rule, value);
    if (problem) throw new ManifestError(name, line, field, problem);
    if (!(field in COMMON_FIELDS)) inputs[field] = (value as string).trim();
  }
  const target = TARGET_FIELD[vendor];
  if (vendor === 'videodb') {
    if (inputs.id !== undefined && inputs.streamLink !== undefined) throw new ManifestError(name, line, 'id', 'give streamLink (a new download) or id (an existing one), not both');
    if (inputs.id !== undefined && inputs.name !== undefined) throw new ManifestError(name, line, 'name', 'names a new download; it cannot rename an existing one (id)');
    if (inputs.id === undefined && inputs.streamLink === undefined) throw new ManifestError(name, line, 'streamLink', 'is missing (or give id for an existing download)');
  } else if (inputs[target] === undefined) {
    throw new ManifestError(name, line, target, 'is missing');
  }
  const saveAs = typeof fields.saveAs === 'string' ? fields.saveAs.trim() : undefined;
  return { line, vendor, inputs, folder: checkFolder(name, line, fields.out as string | undefined), saveAs };
}

/** Reads and checks a whole manifest; the first bad line stops it with a ManifestError. */
export async function parseManifest(path: string): Promise<{ name: string; entries: ManifestEntry[] }> {
  const { name, records } = await readManifestRecords(path);
  if (records.length === 0) throw new ManifestError(name, 1, '(file)', 'lists no exports');
  return { name, entries: records.map((record) => parseRecord(name, record)) };
}
