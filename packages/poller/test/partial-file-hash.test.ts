// The SHA-256 of a partial file is the SHA-256 of the bytes written, small
// or big, across a start-over too.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
