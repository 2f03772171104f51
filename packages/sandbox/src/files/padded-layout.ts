import { type FileLayout, layoutOf } from './layout.js';

/** The pieces of a file format that can grow to any size by repeating a unit. */
export interface PaddableFile {
  /** Everything before the repeated units. */
  head: Buffer;
  /** A self-contained piece of the format (some rows, a chunk) that can repeat. */
  unit: Buffer;
  /** Everything after them. head + foot alone is a valid file. */
  foot: Buffer;
  /** Makes a piece of exactly `length` bytes that also fits between units and foot. */
  filler(length: number): Buffer;
  /** The shortest piece filler can make. */
  minFiller: number;
}

/**
 * Lays a file out at exactly `targetSize` bytes (head, n units, a filler,
 * foot), or at its natural size (head + foot) when the target is smaller
 * than that plus the shortest filler.
 */
export function paddedLayout(file: PaddableFile, targetSize: number | undefined): FileLayout {
  const natural = file.head.length + file.foot.length;
  const room = (targetSize ?? 0) - natural;
  if (room < file.minFiller) return layoutOf([{ bytes: file.head }, { bytes: file.foot }]);
  const count = Math.floor((room - file.minFiller) / file.unit.length);
  const filler = file.filler(room - count * file.unit.length);
  return layoutOf([{ bytes: file.head }, { repeat: file.unit, count }, { bytes: filler }, { bytes: file.foot }]);
}
