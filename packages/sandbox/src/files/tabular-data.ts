import { seededInt } from './deterministic-bytes.js';

/** One row of the made-up data every tabular format shows (CSV, XLSX, JSON). */
export interface DataRow {
  row: number;
  region: string;
  product: string;
  units: number;
  revenue: number;
}

export const DATA_COLUMNS = ['row', 'region', 'product', 'units', 'revenue'] as const;

const REGIONS = ['North', 'South', 'East', 'West'];
const PRODUCTS = ['Widget', 'Gadget', 'Sprocket', 'Gizmo', 'Doohickey'];

/** Rows that depend only on the seed, so a file's checksum depends only on its job. */
export function dataRows(seed: string, count: number, firstRow = 1): DataRow[] {
  return Array.from({ length: count }, (_, index) => {
    const row = firstRow + index;
    const pick = seededInt(`${seed}:${row}`, 1_000_000);
    return {
      row,
      region: REGIONS[pick % REGIONS.length] ?? 'North',
      product: PRODUCTS[pick % PRODUCTS.length] ?? 'Widget',
      units: pick % 500,
      revenue: Math.round((pick % 100_000) * 1.37) / 100,
    };
  });
}

/** The tiles of a made-up dashboard: a whole-dashboard export has one table per tile. */
export function dashboardTiles(seed: string): { name: string; rows: DataRow[] }[] {
  const count = 2 + seededInt(`${seed}:tiles`, 3);
  return Array.from({ length: count }, (_, index) => ({
    name: `Tile ${index + 1}`,
    rows: dataRows(`${seed}:tile:${index}`, 20 + seededInt(`${seed}:rows:${index}`, 30)),
  }));
}
