import { deterministicBytes } from './deterministic-bytes.js';
import { type FileLayout, layoutOf } from './layout.js';

/** The bytes every "other version" repeats: none of the sandbox's files is made of them. */
const BLOCK = deterministicBytes('another version of the object', 4096);

/** Another version of a file: the same size, other bytes (what a replaced object serves). */
export function anotherVersionOf(layout: FileLayout): FileLayout {
  const whole = Math.floor(layout.size / BLOCK.length);
  return layoutOf([{ repeat: BLOCK, count: whole }, { bytes: BLOCK.subarray(0, layout.size - whole * BLOCK.length) }]);
}
