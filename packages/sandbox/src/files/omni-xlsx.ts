import ExcelJS from 'exceljs';
import { ARCHIVE_MTIME } from './archive-entry.js';
import { type FileLayout, layoutOf } from './layout.js';
import { DATA_COLUMNS, type DataRow } from './tabular-data.js';

/**
 * A workbook made by exceljs, one sheet per tile. Built in memory, so it
 * keeps its natural size: fileSizes does not apply to XLSX.
 */
export async function xlsxLayout(title: string, tiles: readonly { name: string; rows: readonly DataRow[] }[]): Promise<FileLayout> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'exportkit sandbox';
  workbook.title = title;
  workbook.created = ARCHIVE_MTIME;
  workbook.modified = ARCHIVE_MTIME;
  for (const tile of tiles) {
    const sheet = workbook.addWorksheet(tile.name);
    sheet.addRow([...DATA_COLUMNS]);
    for (const row of tile.rows) sheet.addRow(DATA_COLUMNS.map((column) => row[column]));
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return layoutOf([{ bytes }]);
}
