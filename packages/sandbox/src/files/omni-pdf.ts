import { PDFDocument, StandardFonts } from 'pdf-lib';
import { deterministicBytes } from './deterministic-bytes.js';
import { type FileLayout, layoutOf } from './layout.js';
import { dashboardTiles } from './tabular-data.js';

// pdf-lib stamps the current time unless told otherwise; a fixed date keeps
// the bytes (and the checksum) a function of the job alone.
const FIXED_DATE = new Date('2024-01-15T10:30:00Z');

async function renderDashboard(seed: string, title: string): Promise<{ bytes: Buffer; document: PDFDocument }> {
  const document = await PDFDocument.create();
  document.setTitle(title);
  document.setProducer('exportkit sandbox');
  document.setCreator('exportkit sandbox');
  document.setCreationDate(FIXED_DATE);
  document.setModificationDate(FIXED_DATE);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([612, 792]);
  page.drawText(title, { x: 50, y: 740, size: 20, font });
  let y = 700;
  for (const tile of dashboardTiles(seed)) {
    page.drawText(`${tile.name}: ${tile.rows.length} rows`, { x: 50, y, size: 12, font });
    y -= 20;
  }
  // A classic xref table, so the padding below can be an ordinary incremental update.
  const bytes = Buffer.from(await document.save({ useObjectStreams: false }));
  return { bytes, document };
}

/**
 * A dashboard as PDF (made with pdf-lib). To reach `targetSize` it appends an
 * incremental update holding one unreferenced stream object of padding: a
 * valid PDF that renders the same, whose bulk is a repeated block.
 */
export async function pdfLayout(seed: string, title: string, targetSize?: number): Promise<FileLayout> {
  const { bytes, document } = await renderDashboard(seed, title);
  const natural = layoutOf([{ bytes }]);
  if (targetSize === undefined || targetSize < bytes.length + 1024) return natural;

  const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes.toString('latin1', bytes.length - 64))?.[1]);
  const objectNumber = document.context.largestObjectNumber + 1;
  const root = String(document.context.trailerInfo.Root);
  const block = deterministicBytes(`${seed}:pdf`);

  const pieces = (streamLength: number) => {
    const head = Buffer.from(`\n${objectNumber} 0 obj\n<< /Length ${streamLength} >>\nstream\n`, 'latin1');
    const objectOffset = bytes.length + 1;
    const xrefOffset = bytes.length + head.length + streamLength + '\nendstream\nendobj\n'.length;
    const foot = Buffer.from(
      '\nendstream\nendobj\n' +
        `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
        `trailer\n<< /Size ${objectNumber + 1} /Root ${root} /Prev ${previousXref} >>\n` +
        `startxref\n${xrefOffset}\n%%EOF\n`,
      'latin1',
    );
    return { head, foot };
  };
  // The header and trailer mention the stream's length and offsets, whose
  // digits change their own size: settle the length in a few rounds.
  let streamLength = targetSize - bytes.length;
  for (let round = 0; round < 4; round += 1) {
    const { head, foot } = pieces(streamLength);
    streamLength = targetSize - bytes.length - head.length - foot.length;
  }
  const { head, foot } = pieces(streamLength);
  const count = Math.floor(streamLength / block.length);
  const tail = deterministicBytes(`${seed}:pdf-tail`, streamLength - count * block.length);
  return layoutOf([{ bytes }, { bytes: head }, { repeat: block, count }, { bytes: tail }, { bytes: foot }]);
}
