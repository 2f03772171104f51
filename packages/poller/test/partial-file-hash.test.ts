// The SHA-256 of a partial file is the SHA-256 of the bytes written, small
// or big, across a start-over too; and the file holds exactly those bytes
// whichever way they were written: on the receiving thread in small pieces,
// in the thread pool at their own offsets (two writes may be in flight), or
// first one and then the other (what a slow disk makes a download do).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartialFile } from '../src/download/partial-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exportkit-hash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `count` chunks of 1 MiB, each filled with its own byte, and the sha256 of them all. */
function chunks(count: number, seed: number): { list: Buffer[]; sha256: string } {
  const list = Array.from({ length: count }, (_, i) => Buffer.alloc(1 << 20, (seed + i) % 251));
  const hash = createHash('sha256');
  for (const chunk of list) hash.update(chunk);
  return { list, sha256: hash.digest('hex') };
}

describe('the digest of a partial file', () => {
  it.each([
    ['small', 3],
    ['big', 40],
  ])('is the sha256 of the bytes written, %s', async (_, count) => {
    const partial = await PartialFile.open(dir, { vendor: 'videodb', id: `hash-${count}` });
    const { list, sha256 } = chunks(count, count);
    for (const chunk of list) await partial.write(chunk);
    const destination = join(dir, 'out.bin');
    expect(await partial.commit(destination, false)).toBe(sha256);
    expect(createHash('sha256').update(await readFile(destination)).digest('hex')).toBe(sha256);
  });

  it('starts over after a reset, also after tens of MiB', async () => {
    const partial = await PartialFile.open(dir, { vendor: 'videodb', id: 'hash-reset' });
    for (const chunk of chunks(24, 1).list) await partial.write(chunk);
    await partial.reset('"v2"');
    const { list, sha256 } = chunks(20, 100);
    for (const chunk of list) await partial.write(chunk);
    expect(await partial.commit(join(dir, 'out.bin'), false)).toBe(sha256);
  });
});

/** How slow a batch written on the receiving thread may be: never too slow, or too slow at once. */
const WRITE_PATHS = [
  ['on the receiving thread', Number.POSITIVE_INFINITY],
  ['in the thread pool after the first batches', -1],
] as const;

describe.each(WRITE_PATHS)('the bytes of a partial file written %s', (_, slowBatchMs) => {
  /** Chunks of uneven sizes (not multiples of a write piece), seeded, and their sha256. */
  function unevenChunks(count: number): { list: Buffer[]; whole: Buffer } {
    const list = Array.from({ length: count }, (_, i) => {
      const chunk = Buffer.alloc(50_000 + ((i * 7919) % 70_000));
      for (let j = 0; j < chunk.length; j += 997) chunk[j] = (i + j) % 256;
      return chunk;
    });
    return { list, whole: Buffer.concat(list) };
  }

  it('are the bytes given, in order, with their sha256', async () => {
    const partial = await PartialFile.open(dir, { vendor: 'videodb', id: 'paths' }, () => true, slowBatchMs);
    const { list, whole } = unevenChunks(400);
    const released: Uint8Array[] = [];
    for (const chunk of list) await partial.write(chunk, (back) => released.push(back));
    const destination = join(dir, 'out.bin');
    const sha256 = await partial.commit(destination, false);
    expect((await readFile(destination)).equals(whole)).toBe(true);
    expect(sha256).toBe(createHash('sha256').update(whole).digest('hex'));
    // Every chunk came back to its owner once written.
    expect(released).toHaveLength(list.length);
  });

  it('continue a kept partial file where it ends', async () => {
    const { list, whole } = unevenChunks(120);
    const first = await PartialFile.open(dir, { vendor: 'videodb', id: 'resume' }, () => true, slowBatchMs);
    await first.reset('"v1"');
    for (const chunk of list.slice(0, 60)) await first.write(chunk);
    await first.keep();
    const kept = (await stat(first.path)).size;
    expect(kept).toBe(list.slice(0, 60).reduce((sum, chunk) => sum + chunk.length, 0));

    const second = await PartialFile.open(dir, { vendor: 'videodb', id: 'resume' }, () => true, slowBatchMs);
    expect(second.bytes).toBe(kept);
    for (const chunk of list.slice(60)) await second.write(chunk);
    const destination = join(dir, 'resumed.bin');
    const sha256 = await second.commit(destination, false);
    expect((await readFile(destination)).equals(whole)).toBe(true);
    expect(sha256).toBe(createHash('sha256').update(whole).digest('hex'));
  });
});
