import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, Mp4OutputFormat, Output } from 'mediabunny';
import { deterministicBytes, seededInt } from './deterministic-bytes.js';
import { type FileLayout, layoutOf } from './layout.js';
import { fixMp4Times } from './mp4-times.js';
import type { MadeFile } from './omni-file.js';

const SAMPLE_RATE = 8000;
/** An eighth of a second: the clip stays a couple of kilobytes, below the smallest size tests ask for. */
const TONE_SAMPLES = SAMPLE_RATE / 8;
// mediabunny stamps the current time into the movie headers; a fixed date keeps
// the bytes (and the checksum) a function of the job alone.
const FIXED_DATE = new Date('2024-01-15T10:30:00Z');
/** A top-level `free` box's header: 32-bit size + type, or size 1 + type + 64-bit size past 4 GiB. */
const FREE_HEADER = 8;
const FREE_HEADER_64 = 16;

/** Mono 16-bit PCM of a tone whose pitch depends on the job. */
function toneSamples(seed: string): Buffer {
  const hertz = 220 + seededInt(seed, 8) * 55;
  const samples = Buffer.alloc(TONE_SAMPLES * 2);
  for (let sample = 0; sample < TONE_SAMPLES; sample += 1) {
    samples.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hertz * sample) / SAMPLE_RATE)), sample * 2);
  }
  return samples;
}

/** The clip itself, muxed by mediabunny: ftyp, moov (fast start), mdat with one PCM audio packet. */
async function muxTone(seed: string): Promise<Buffer> {
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const audio = new EncodedAudioPacketSource('pcm-s16');
  output.addAudioTrack(audio);
  await output.start();
  await audio.add(new EncodedPacket(toneSamples(seed), 'key', 0, TONE_SAMPLES / SAMPLE_RATE), {
    decoderConfig: { codec: 'pcm-s16', sampleRate: SAMPLE_RATE, numberOfChannels: 1 },
  });
  await output.finalize();
  const bytes = output.target.buffer;
  if (!bytes) throw new Error('mediabunny finished without a buffer');
  return fixMp4Times(Buffer.from(bytes), FIXED_DATE);
}

function freeBoxHeader(boxSize: number): Buffer {
  const large = boxSize > 0xffff_ffff;
  const header = Buffer.alloc(large ? FREE_HEADER_64 : FREE_HEADER);
  header.writeUInt32BE(large ? 1 : boxSize, 0);
  header.write('free', 4, 'latin1');
  if (large) header.writeBigUInt64BE(BigInt(boxSize), 8);
  return header;
}

/**
 * The media file of a VideoDB download: a real MP4 (made with mediabunny)
 * holding a short PCM tone whose pitch depends on the job. To reach
 * `targetSize` bytes exactly it ends with a top-level `free` box — the ISO
 * BMFF way to pad, skipped by every reader — whose body is one deterministic
 * block repeated, so a gigabyte costs a few kilobytes. A target below the
 * clip's own size (about 2.6 kB) gets the clip alone.
 */
export async function makeVideoDBMedia(jobId: string, name: string, targetSize = 256 * 1024): Promise<MadeFile> {
  const clip = await muxTone(jobId);
  const room = targetSize - clip.length;
  if (room < FREE_HEADER) return { layout: layoutOf([{ bytes: clip }]), filename: name, contentType: 'audio/mp4' };
  const header = freeBoxHeader(room);
  const body = room - header.length;
  const block = deterministicBytes(`${jobId}:mp4`);
  const count = Math.floor(body / block.length);
  const layout: FileLayout = layoutOf([
    { bytes: clip },
    { bytes: header },
    { repeat: block, count },
    { bytes: block.subarray(0, body - count * block.length) },
  ]);
  return { layout, filename: name, contentType: 'audio/mp4' };
}
