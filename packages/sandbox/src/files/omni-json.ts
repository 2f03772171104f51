import { BLOCK_SIZE } from './deterministic-bytes.js';
import type { FileLayout } from './layout.js';
import { paddedLayout } from './padded-layout.js';
import { dataRows } from './tabular-data.js';

const EMPTY_FILLER = '{"padding":""},';

/** Row objects, each followed by a comma, about one block long: the repeated unit. */
function rowsUnit(seed: string): Buffer {
  let text = '';
  for (let row = 1_000_001; text.length < BLOCK_SIZE - 128; row += 1) {
    text += `${JSON.stringify(dataRows(`${seed}:bulk`, 1, row)[0])},`;
  }
  return Buffer.from(text);
}

/** A single tile as a JSON array of row objects (Omni exports JSON for single tiles only). */
export function jsonTileLayout(seed: string, targetSize?: number): FileLayout {
  const rows = dataRows(seed, 50).map((row) => JSON.stringify(row));
  const last = rows.pop() ?? '{}';
  return paddedLayout(
    {
      head: Buffer.from(`[${rows.map((row) => `${row},`).join('')}`),
      unit: rowsUnit(seed),
      foot: Buffer.from(`${last}]`),
      filler: (length) => Buffer.from(`{"padding":"${'x'.repeat(length - EMPTY_FILLER.length)}"},`),
      minFiller: EMPTY_FILLER.length,
    },
    targetSize,
  );
}
