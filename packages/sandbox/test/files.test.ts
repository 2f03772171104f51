import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input, MP4 } from 'mediabunny';
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

  it('VideoDB media is an MP4 of the size asked that mediabunny reads back: a PCM tone, then free-box padding', async () => {
    const file = await makeVideoDBMedia('dl-1', 'talk.mp4', 100_000);
    expect(file).toMatchObject({ filename: 'talk.mp4', contentType: 'audio/mp4' });
    const bytes = layoutToBuffer(file.layout);
    expect(bytes.length).toBe(100_000);
    expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
    const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
    expect(await input.getFormat()).toBe(MP4);
    const track = await input.getPrimaryAudioTrack();
    expect(track?.codec).toBe('pcm-s16');
    expect(track?.sampleRate).toBe(8000);
    expect(await input.computeDuration()).toBeCloseTo(0.125, 6);
    const packet = track ? await new EncodedPacketSink(track).getFirstPacket() : null;
    expect(packet?.data.byteLength).toBe(2000);
    // The rest of the file is one top-level free box that runs to the end.
    const clipSize = (await makeVideoDBMedia('dl-1', 'talk.mp4', 0)).layout.size;
    expect(bytes.readUInt32BE(clipSize)).toBe(100_000 - clipSize);
    expect(bytes.toString('latin1', clipSize + 4, clipSize + 8)).toBe('free');
  });

  it('VideoDB media depends only on the job, and pads past 4 GiB with a 64-bit free box', async () => {
    const first = await makeVideoDBMedia('dl-1', 'a.mp4', 300_000);
    expect(sha256OfLayout((await makeVideoDBMedia('dl-1', 'a.mp4', 300_000)).layout)).toBe(sha256OfLayout(first.layout));
    expect(sha256OfLayout((await makeVideoDBMedia('dl-2', 'a.mp4', 300_000)).layout)).not.toBe(sha256OfLayout(first.layout));
    const huge = await makeVideoDBMedia('dl-1', 'a.mp4', 5 * 2 ** 30);
    expect(huge.layout.size).toBe(5 * 2 ** 30);
    const [clip, header] = huge.layout.parts;
    const freeHeader = header && 'bytes' in header ? header.bytes : Buffer.alloc(0);
    expect(freeHeader.readUInt32BE(0)).toBe(1); // "the size is in the 64-bit field"
    expect(freeHeader.toString('latin1', 4, 8)).toBe('free');
    expect(Number(freeHeader.readBigUInt64BE(8))).toBe(5 * 2 ** 30 - (clip && 'bytes' in clip ? clip.bytes.length : 0));
  });
});
