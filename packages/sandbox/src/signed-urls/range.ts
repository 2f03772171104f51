/** A satisfiable byte range `[start, end)`, `undefined` for none asked, or 'unsatisfiable'. */
export type ByteRange = { start: number; end: number } | undefined | 'unsatisfiable';

/**
 * Reads a single-range `Range: bytes=a-b | a- | -n` header (RFC 9110 §14.1.2).
 * Multiple ranges and other units are answered with the whole file, as the
 * RFC allows a server to ignore a Range it does not support.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  if (start >= size || end <= start) return 'unsatisfiable';
  return { start, end };
}
