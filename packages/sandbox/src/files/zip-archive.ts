import yazl from 'yazl';
import { ARCHIVE_MTIME, type ArchiveEntry, repeatedBlocks, STREAMED_ENTRY_SIZE } from './archive-entry.js';
import { captureLayout, layoutReadable } from './capture-layout.js';
import { type FileLayout, layoutToBuffer } from './layout.js';

/**
 * A zip made by yazl. Small entries are deflated from memory; big ones are
 * stored and streamed, and the output is captured as a layout, so a
 * gigabyte zip is built once (one pass for yazl's CRC) and then served from
 * a few kilobytes.
 */
export function zipLayout(entries: readonly ArchiveEntry[]): Promise<FileLayout> {
  const zip = new yazl.ZipFile();
  for (const { path, content } of entries) {
    if (content.size > STREAMED_ENTRY_SIZE) {
      zip.addReadStreamLazy(path, { mtime: ARCHIVE_MTIME, compress: false, size: content.size }, (callback) =>
        callback(null, layoutReadable(content)),
      );
    } else {
      zip.addBuffer(layoutToBuffer(content), path, { mtime: ARCHIVE_MTIME, compress: true });
    }
  }
  const layout = captureLayout(zip.outputStream, repeatedBlocks(entries));
  zip.end();
  return layout;
}
