import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { ARCHIVE_MTIME, type ArchiveEntry, repeatedBlocks } from './archive-entry.js';
import { captureLayout, layoutReadable } from './capture-layout.js';
import { type FileLayout, type LayoutPart, layoutOf, layoutToBuffer } from './layout.js';

function addEntry(pack: tar.Pack, { path, content }: ArchiveEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = pack.entry({ name: path, size: content.size, mtime: ARCHIVE_MTIME, mode: 0o644 }, (error) =>
      error ? reject(error) : resolve(),
    );
    layoutReadable(content).pipe(sink);
  });
}

/** The tar made by tar-stream, captured as a layout. */
async function tarLayout(entries: readonly ArchiveEntry[]): Promise<FileLayout> {
  const pack = tar.pack();
  const layout = captureLayout(pack, repeatedBlocks(entries));
  for (const entry of entries) await addEntry(pack, entry);
  pack.finalize();
  return layout;
}

/**
 * A tar.gz as a sequence of gzip members (RFC 1952 §2.2: a gzip file may be
 * several members; gunzip and tar read them as one stream). Literal parts
 * are deflated; each repeated block becomes one stored member repeated, so
 * compressing a gigabyte costs one block's worth of work.
 */
export async function tarGzLayout(entries: readonly ArchiveEntry[]): Promise<FileLayout> {
  const tarFile = await tarLayout(entries);
  const members = new Map<Buffer, Buffer>();
  const parts: LayoutPart[] = [];
  let literal: Buffer[] = [];
  const flushLiteral = () => {
    if (literal.length > 0) parts.push({ bytes: gzipSync(Buffer.concat(literal), { level: 9 }) });
    literal = [];
  };
  for (const part of tarFile.parts) {
    if ('bytes' in part) {
      literal.push(part.bytes);
      continue;
    }
    flushLiteral();
    let member = members.get(part.repeat);
    if (!member) members.set(part.repeat, (member = gzipSync(part.repeat, { level: 0 })));
    parts.push({ repeat: member, count: part.count });
  }
  flushLiteral();
  return layoutOf(parts.length > 0 ? parts : [{ bytes: gzipSync(layoutToBuffer(tarFile)) }]);
}
