import { createHash } from 'node:crypto';

/**
 * A file described as parts instead of bytes, so a gigabyte file costs a few
 * kilobytes of memory: literal bytes (headers, small generated content) and
 * a precomputed block repeated `count` times (the bulk). Serving one is just
 * writing the same block again and again, so the generator never limits the
 * download speed.
 */
export type LayoutPart = { bytes: Buffer } | { repeat: Buffer; count: number };

export interface FileLayout {
  parts: readonly LayoutPart[];
  size: number;
}

export function partSize(part: LayoutPart): number {
  return 'bytes' in part ? part.bytes.length : part.repeat.length * part.count;
}

/** Builds a layout, merging neighbouring repeats of the same block. */
export function layoutOf(parts: readonly LayoutPart[]): FileLayout {
  const merged: LayoutPart[] = [];
  for (const part of parts) {
    if (partSize(part) === 0) continue;
    const last = merged.at(-1);
    if (last && 'repeat' in last && 'repeat' in part && last.repeat === part.repeat) {
      merged[merged.length - 1] = { repeat: last.repeat, count: last.count + part.count };
    } else {
      merged.push(part);
    }
  }
  return { parts: merged, size: merged.reduce((sum, part) => sum + partSize(part), 0) };
}

/**
 * Yields the bytes of `[start, end)` of a layout as views into its parts (no
 * copies). Consumers must not keep or mutate the chunks.
 */
export function* layoutChunks(layout: FileLayout, start = 0, end = layout.size): Generator<Buffer> {
  let offset = 0;
  for (const part of layout.parts) {
    const size = partSize(part);
    const partEnd = offset + size;
    if (partEnd > start && offset < end) {
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end, partEnd) - offset;
      if ('bytes' in part) yield part.bytes.subarray(from, to);
      else yield* repeatChunks(part.repeat, from, to);
    }
    offset = partEnd;
    if (offset >= end) return;
  }
}

function* repeatChunks(block: Buffer, from: number, to: number): Generator<Buffer> {
  let position = from;
  while (position < to) {
    const inBlock = position % block.length;
    const take = Math.min(block.length - inBlock, to - position);
    yield inBlock === 0 && take === block.length ? block : block.subarray(inBlock, inBlock + take);
    position += take;
  }
}

/** The sha256 of a whole layout, streamed. */
export function sha256OfLayout(layout: FileLayout): string {
  const hash = createHash('sha256');
  for (const chunk of layoutChunks(layout)) hash.update(chunk);
  return hash.digest('hex');
}

/** The whole layout in one buffer: only for small files (tests, archives built in memory). */
export function layoutToBuffer(layout: FileLayout): Buffer {
  return Buffer.concat([...layoutChunks(layout)]);
}
