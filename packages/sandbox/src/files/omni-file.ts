import type { OmniDownloadFormat } from '@exportkit/omni';
import { csvTileLayout } from './omni-csv.js';
import { jsonTileLayout } from './omni-json.js';
import { pdfLayout } from './omni-pdf.js';
import { pngLayout } from './omni-png.js';
import { xlsxLayout } from './omni-xlsx.js';
import type { FileLayout } from './layout.js';
import { dashboardTiles, dataRows } from './tabular-data.js';
import { zipLayout } from './zip-archive.js';

export interface OmniFileRequest {
  jobId: string;
  format: OmniDownloadFormat;
  /** The file name without extension (the request's filename, or the dashboard's name). */
  baseName: string;
  /** A single tile (queryIdentifierMapKey), or the whole dashboard. */
  tile?: string;
  targetSize?: number;
}

export interface MadeFile {
  layout: FileLayout;
  filename: string;
  contentType: string;
}

const CONTENT_TYPES: Record<OmniDownloadFormat, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The file an Omni download job produces, in its format (a whole-dashboard CSV is a ZIP of one CSV per tile). */
export async function makeOmniFile(request: OmniFileRequest): Promise<MadeFile> {
  const { jobId: seed, format, baseName, tile, targetSize } = request;
  const named = (layout: FileLayout, extension: string, contentType: string): MadeFile => ({
    layout,
    filename: `${baseName}.${extension}`,
    contentType,
  });
  switch (format) {
    case 'pdf':
      return named(await pdfLayout(seed, baseName, targetSize), 'pdf', CONTENT_TYPES.pdf);
    case 'png':
      return named(pngLayout(seed, targetSize), 'png', CONTENT_TYPES.png);
    case 'json':
      return named(jsonTileLayout(seed, targetSize), 'json', CONTENT_TYPES.json);
    case 'xlsx': {
      const tiles = tile ? [{ name: `Tile ${tile}`, rows: dataRows(seed, 50) }] : dashboardTiles(seed);
      return named(await xlsxLayout(baseName, tiles), 'xlsx', CONTENT_TYPES.xlsx);
    }
    case 'csv': {
      if (tile) return named(csvTileLayout(seed, targetSize), 'csv', CONTENT_TYPES.csv);
      const tiles = dashboardTiles(seed);
      // The first tile carries the requested size; the others stay small.
      const entries = tiles.map((_, index) => ({
        path: `${baseName} - Tile ${index + 1}.csv`,
        content: csvTileLayout(`${seed}:tile:${index}`, index === 0 ? targetSize : undefined),
      }));
      return named(await zipLayout(entries), 'zip', 'application/zip');
    }
  }
}
