import { seededInt } from './deterministic-bytes.js';
import type { FileLayout } from './layout.js';
import { layoutOf } from './layout.js';
import type { MadeFile } from './omni-file.js';

const SAMPLE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
const WAV_HEADER_SIZE = 44;
/** One second of tone: a whole number of periods, so repeating it plays seamlessly. */
const TONE_BLOCK_BYTES = SAMPLE_RATE * BYTES_PER_SAMPLE;

/**
 * The 44-byte header of a PCM WAV file. Written by hand on purpose: WAV
 * libraries want every sample in memory, and this header is all that a
 * gigabyte of streamed samples needs.
 */
function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_SIZE);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

function toneBlock(seed: string): Buffer {
  const hertz = 220 + seededInt(seed, 8) * 55; // whole hertz: one second holds whole periods
  const block = Buffer.alloc(TONE_BLOCK_BYTES);
  for (let sample = 0; sample < SAMPLE_RATE; sample += 1) {
    block.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hertz * sample) / SAMPLE_RATE)), sample * BYTES_PER_SAMPLE);
  }
  return block;
}

/** WAV's sizes are 32-bit: the largest file it can describe. */
export const MAX_WAV_SIZE = 0xffff_ffff - 1;

/**
 * The media file of a VideoDB download: a PCM WAV tone (mono, 8 kHz) whose
 * pitch depends on the job, `targetSize` bytes (rounded down to whole samples).
 */
export function makeVideoDBMedia(jobId: string, name: string, targetSize = 256 * 1024): MadeFile {
  const size = Math.min(Math.max(targetSize, WAV_HEADER_SIZE + BYTES_PER_SAMPLE), MAX_WAV_SIZE);
  const dataBytes = (size - WAV_HEADER_SIZE) - ((size - WAV_HEADER_SIZE) % BYTES_PER_SAMPLE);
  const block = toneBlock(jobId);
  const count = Math.floor(dataBytes / block.length);
  const layout: FileLayout = layoutOf([
    { bytes: wavHeader(dataBytes) },
    { repeat: block, count },
    { bytes: block.subarray(0, dataBytes - count * block.length) },
  ]);
  return { layout, filename: name, contentType: 'audio/wav' };
}
