import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import yauzl from 'yauzl';
import { exportSections, makeClosientArchive } from '../src/files/closient-export.js';
import { layoutToBuffer, sha256OfLayout } from '../src/files/layout.js';
import { makeOmniFile } from '../src/files/omni-file.js';
import { makeVideoDBMedia } from '../src/files/videodb-media.js';

/** The entries of a zip (names and contents), read with yauzl. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.once('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.once('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        entries.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  return entries;
}

describe('files', () => {
  it('Omni PDF opens with pdf-lib, padded to the exact size asked', async () => {
    const file = await makeOmniFile({ jobId: 'job-1', format: 'pdf', baseName: 'Sales', targetSize: 3_000_000 });
    expect(file.layout.size).toBe(3_000_000);
    const pdf = await PDFDocument.load(layoutToBuffer(file.layout));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Sales');
  });

  it('Omni PNG decodes with pngjs, padded with ancillary chunks', async () => {
    const file = await makeOmniFile({ jobId: 'job-1', format: 'png', baseName: 'Sales', targetSize: 1_000_000 });
    expect(file.layout.size).toBe(1_000_000);
    expect(PNG.sync.read(layoutToBuffer(file.layout))).toMatchObject({ width: 320, height: 200 });
  });

  it('Omni JSON parses; a single-tile CSV has whole rows; a whole-dashboard CSV is a ZIP of one CSV per tile', async () => {
    const json = await makeOmniFile({ jobId: 'job-1', format: 'json', baseName: 'T', tile: '1', targetSize: 500_000 });
    expect(json.layout.size).toBe(500_000);
    expect(Array.isArray(JSON.parse(layoutToBuffer(json.layout).toString()))).toBe(true);
    const csv = await makeOmniFile({ jobId: 'job-1', format: 'csv', baseName: 'T', tile: '1', targetSize: 500_000 });
    const lines = layoutToBuffer(csv.layout).toString().trimEnd().split('\n');
    expect(lines.every((line) => line.split(',').length === 5)).toBe(true);
    const zip = await makeOmniFile({ jobId: 'job-1', format: 'csv', baseName: 'Board' });
    expect(zip).toMatchObject({ filename: 'Board.zip', contentType: 'application/zip' });
    const entries = await unzip(layoutToBuffer(zip.layout));
    expect([...entries.keys()].every((name) => /^Board - Tile \d\.csv$/.test(name))).toBe(true);
    expect(entries.size).toBeGreaterThanOrEqual(2);
  });

  it('Omni XLSX opens with exceljs', async () => {
    const file = await makeOmniFile({ jobId: 'job-1', format: 'xlsx', baseName: 'Sales' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(layoutToBuffer(file.layout) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, 'row', 'region', 'product', 'units', 'revenue']);
  });

  it('is deterministic from the job id', async () => {
    const a = await makeOmniFile({ jobId: 'same', format: 'pdf', baseName: 'S', targetSize: 200_000 });
    const b = await makeOmniFile({ jobId: 'same', format: 'pdf', baseName: 'S', targetSize: 200_000 });
    const c = await makeOmniFile({ jobId: 'other', format: 'pdf', baseName: 'S', targetSize: 200_000 });
    expect(sha256OfLayout(a.layout)).toBe(sha256OfLayout(b.layout));
    expect(sha256OfLayout(a.layout)).not.toBe(sha256OfLayout(c.layout));
  });

  for (const format of ['zip', 'tar.gz'] as const) {
    it(`Closient ${format}: YAML records, binary assets and a manifest matching sections[]`, async () => {
      const file = await makeClosientArchive('AcmeFoodsSandboxQrg234', 'job-7', format, `export.${format}`, 2_000_000);
      expect(Math.abs(file.layout.size - 2_000_000)).toBeLessThan(200_000);
      const bytes = layoutToBuffer(file.layout);
      const entries = format === 'zip' ? await unzip(bytes) : await untar(gunzipSync(bytes));
      const manifest = YAML.parse(entries.get('manifest.yaml')?.toString() ?? '') as { sections: unknown };
      expect(manifest.sections).toEqual(exportSections('job-7'));
      const products = exportSections('job-7')[1];
      const assets = [...entries.keys()].filter((name) => name.startsWith('products/assets/'));
      expect(assets).toHaveLength(products?.binary_count ?? -1);
      expect([...entries.keys()].filter((name) => /^products\/\d+\.yaml$/.test(name))).toHaveLength(products?.record_count ?? -1);
    });
  }

  it('VideoDB media is a PCM WAV of the size asked', () => {
    const file = makeVideoDBMedia('dl-1', 'talk.wav', 100_000);
    const bytes = layoutToBuffer(file.layout);
    expect(bytes.length).toBe(100_000);
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(bytes.toString('latin1', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt32LE(40)).toBe(100_000 - 44);
  });
});
