import { writeSync } from 'node:fs';

/**
 * Writes `chunks` to `fd` at `position`, synchronously, in system calls of at
 * most `piece` bytes. Small writes on purpose: the kernel sizes the page-cache
 * memory it takes for a write by the write's length, and on a VM that hands
 * freed memory back to its host (free page reporting: Firecracker, most cloud
 * sandboxes), taking large blocks of it again costs up to ten times the CPU
 * of small ones (BENCHMARKS.md: 1 GiB in 1 MiB writes, 2.6 s; in 32 KiB
 * writes, 0.3–0.4 s). `curl -o` writes 16 KiB at a time for the same reason
 * it is fast here.
 */
export function writeInPieces(fd: number, chunks: readonly Uint8Array[], position: number, piece: number): void {
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; ) {
      const length = Math.min(piece, chunk.length - offset);
      // A short write (a full disk announces itself this way) is continued; an error throws.
      const written = writeSync(fd, chunk, offset, length, position);
      offset += written;
      position += written;
    }
  }
}
