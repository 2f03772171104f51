import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { deterministicBytes, seededInt } from './deterministic-bytes.js';
import type { FileLayout } from './layout.js';
import { paddedLayout } from './padded-layout.js';

// An ancillary, private, safe-to-copy chunk type: decoders skip it, so a PNG
// can be padded to any size and still be the same image.
const PADDING_CHUNK_TYPE = 'ekPd';
const IEND_LENGTH = 12;

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(8 + data.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}

/** A small striped image whose colours depend on the job. */
function renderImage(seed: string): Buffer {
  const png = new PNG({ width: 320, height: 200 });
  const hue = seededInt(seed, 256);
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const at = (png.width * y + x) * 4;
      const band = Math.floor(x / 40) % 2 === 0;
      png.data[at] = band ? hue : 255 - hue;
      png.data[at + 1] = (y * 255) / png.height;
      png.data[at + 2] = band ? 200 : 60;
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A dashboard rendered as PNG (made with pngjs), padded with ancillary chunks to `targetSize`. */
export function pngLayout(seed: string, targetSize?: number): FileLayout {
  const image = renderImage(seed);
  const block = deterministicBytes(`${seed}:png`);
  return paddedLayout(
    {
      head: image.subarray(0, image.length - IEND_LENGTH),
      unit: pngChunk(PADDING_CHUNK_TYPE, block),
      foot: image.subarray(image.length - IEND_LENGTH),
      filler: (length) => pngChunk(PADDING_CHUNK_TYPE, deterministicBytes(`${seed}:png-tail`, length - 12)),
      minFiller: 12,
    },
    targetSize,
  );
}
