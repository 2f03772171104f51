import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { UsageError } from '../exit/usage-error.js';
import { ManifestError } from './manifest-error.js';

/** One manifest line as written: its line number in the file and its fields, not yet checked. */
export interface ManifestRecord {
  line: number;
  fields: Record<string, unknown>;
}

/** A manifest larger than this is not a list of exports (a million lines fit in far less). */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * Reads a manifest: JSON Lines (`.jsonl`, `.ndjson`: one object a line; blank
 * lines and lines starting with `#` are skipped) or CSV (`.csv`: a header row
 * naming the fields, empty cells left out). Line numbers are the file's.
 */
export async function readManifestRecords(path: string): Promise<{ name: string; records: ManifestRecord[] }> {
  const name = basename(path);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError('<manifest>', `cannot read ${path}: ${error.code ?? error.message}`);
  });
  if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) throw new UsageError('<manifest>', `${name} is larger than ${MAX_MANIFEST_BYTES} bytes`);
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return { name, records: csvRecords(name, text) };
  if (extension === '.jsonl' || extension === '.ndjson') return { name, records: jsonLinesRecords(name, text) };
  throw new UsageError('<manifest>', `${name}: name it .jsonl (one JSON object a line) or .csv (a header row, then one export a row)`);
}

function jsonLinesRecords(name: string, text: string): ManifestRecord[] {
  const records: ManifestRecord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new ManifestError(name, line, '(line)', 'is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestError(name, line, '(line)', 'must be a JSON object');
    records.push({ line, fields: value as Record<string, unknown> });
  });
  return records;
}

function csvRecords(name: string, text: string): ManifestRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new ManifestError(name, typeof line === 'number' ? line : 1, '(row)', (error as Error).message.replace(/^Invalid Record Length: /, ''));
  }
  return rows.map(({ record, info }) => ({
    line: info.lines,
    // An empty cell means "not given", as a missing field does in JSON Lines.
    fields: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
  }));
}
