import { createHash } from 'node:crypto';

/** One block of the bulk of a big file: large enough that a write is worth its syscall. */
export const BLOCK_SIZE = 64 * 1024;

/**
 * Pseudo-random bytes that depend only on `seed` (sha256 in counter mode),
 * so a file's checksum depends only on its job.
 */
export function deterministicBytes(seed: string, length: number = BLOCK_SIZE): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let offset = 0, counter = 0; offset < length; counter += 1) {
    const digest = createHash('sha256').update(`${seed}:${counter}`).digest();
    offset += digest.copy(out, offset);
  }
  return out;
}

/** A small deterministic integer from a seed, for choosing counts, colours and tones. */
export function seededInt(seed: string, modulo: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % modulo;
}
