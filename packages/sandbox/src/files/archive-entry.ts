import type { FileLayout } from './layout.js';

/** One file inside an archive (zip or tar). Large entries are layouts, so they stream. */
export interface ArchiveEntry {
  path: string;
  content: FileLayout;
}

// Archive entries carry a fixed time, so an archive's bytes depend only on its job.
export const ARCHIVE_MTIME = new Date('2024-01-15T10:30:00Z');

/** Entries bigger than this are stored (not deflated) and streamed through the archiver. */
export const STREAMED_ENTRY_SIZE = 1024 * 1024;

/** The repeated blocks of some entries: what captureLayout should recognise in the archiver's output. */
export function repeatedBlocks(entries: readonly ArchiveEntry[]): Buffer[] {
  const blocks = new Set<Buffer>();
  for (const entry of entries) for (const part of entry.content.parts) if ('repeat' in part) blocks.add(part.repeat);
  return [...blocks];
}
