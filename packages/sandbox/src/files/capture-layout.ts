import type { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { type FileLayout, type LayoutPart, layoutChunks, layoutOf } from './layout.js';

/**
 * A Readable over a layout, for feeding a streaming library (yazl,
 * tar-stream) whose own output is then captured with captureLayout. The
 * repeated block is pushed as the very same Buffer object each time, which
 * is how captureLayout recognises it on the way out.
 */
export function layoutReadable(layout: FileLayout): Readable {
  return Readable.from(layoutChunks(layout), { objectMode: false });
}

/**
 * Records a streaming library's output as a layout: chunks that are the
 * known repeated block (the same object, passed through untouched) become a
 * repeat part; everything else (headers, small entries) is copied. This
 * keeps a gigabyte archive made by a real archiver at a few kilobytes.
 */
export function captureLayout(output: EventEmitter, blocks: readonly Buffer[]): Promise<FileLayout> {
  const parts: LayoutPart[] = [];
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length > 0) parts.push({ bytes: Buffer.concat(pending) });
    pending = [];
  };
  // 'data' events (flowing mode) hand over chunks one by one as pushed;
  // async iteration may concatenate buffered chunks and lose their identity.
  return new Promise((resolve, reject) => {
    output.on('data', (chunk: Buffer) => {
      const block = blocks.find((candidate) => candidate === chunk);
      if (block) {
        flush();
        parts.push({ repeat: block, count: 1 });
      } else {
        pending.push(Buffer.from(chunk));
      }
    });
    output.once('error', reject);
    output.once('end', () => {
      flush();
      resolve(layoutOf(parts));
    });
  });
}
