import { BLOCK_SIZE } from './deterministic-bytes.js';
import type { FileLayout } from './layout.js';
import { paddedLayout } from './padded-layout.js';
import { DATA_COLUMNS, type DataRow, dataRows } from './tabular-data.js';

const csvLine = (row: DataRow) => `${DATA_COLUMNS.map((column) => row[column]).join(',')}\n`;
const FILLER_PREFIX = '0,padding,';

/** CSV text of some rows (no header). */
export function csvRows(rows: readonly DataRow[]): string {
  return rows.map(csvLine).join('');
}

export function csvHeader(): string {
  return `${DATA_COLUMNS.join(',')}\n`;
}

/** Whole lines of made-up rows adding up to about one block: the repeated unit of a big CSV. */
function rowsUnit(seed: string): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let row = 1_000_001; size < BLOCK_SIZE - 64; row += 1) {
    const line = csvRows(dataRows(`${seed}:bulk`, 1, row));
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''));
}

/** A single tile as CSV, `targetSize` bytes when asked (more rows, then one padding row). */
export function csvTileLayout(seed: string, targetSize?: number): FileLayout {
  return paddedLayout(
    {
      head: Buffer.from(csvHeader() + csvRows(dataRows(seed, 50))),
      unit: rowsUnit(seed),
      foot: Buffer.alloc(0),
      // A last row whose `product` cell is as long as needed; units and revenue are empty.
      filler: (length) => Buffer.from(`${FILLER_PREFIX}${'x'.repeat(length - FILLER_PREFIX.length - 3)},,\n`),
      minFiller: FILLER_PREFIX.length + 4,
    },
    targetSize,
  );
}
