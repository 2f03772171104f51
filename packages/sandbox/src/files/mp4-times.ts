/** Seconds from 1904-01-01 (the MP4 epoch) to 1970-01-01. */
const MP4_EPOCH_OFFSET = 2_082_844_800;
/** Boxes holding the ones stamped with a time. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia']);
/** Full boxes whose body starts with creation and modification times. */
const STAMPED = new Set(['mvhd', 'tkhd', 'mdhd']);

/**
 * Sets the creation and modification times of the movie, track and media
 * headers of an MP4 in place. Needed because mediabunny always stamps the
 * current time and has no option for it; the sandbox's files must depend on
 * the job alone. Only walks the boxes it rewrites (moov > trak > mdia).
 */
export function fixMp4Times(file: Buffer, date: Date, start = 0, end = file.length): Buffer {
  const seconds = BigInt(Math.floor(date.getTime() / 1000) + MP4_EPOCH_OFFSET);
  for (let offset = start; offset + 8 <= end; ) {
    const size = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    if (size < 8 || offset + size > end) throw new Error(`mediabunny wrote an unreadable ${type} box at ${offset}`);
    if (CONTAINERS.has(type)) fixMp4Times(file, date, offset + 8, offset + size);
    if (STAMPED.has(type)) {
      const version = file.readUInt8(offset + 8);
      const times = offset + 12;
      if (version === 1) {
        file.writeBigUInt64BE(seconds, times);
        file.writeBigUInt64BE(seconds, times + 8);
      } else {
        file.writeUInt32BE(Number(seconds), times);
        file.writeUInt32BE(Number(seconds), times + 4);
      }
    }
    offset += size;
  }
  return file;
}
