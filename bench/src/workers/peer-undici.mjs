// What a user who knows undici writes instead: undici.request, then
// stream.pipeline(body, createWriteStream(tmp)), then rename into place.
// No hash, no size check, no fsync, no resume.
//   node peer-undici.mjs <signedUrl> <destinationDir>
import { report, startCpuCount } from '../lib/worker-report.mjs';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';

const [url, dir] = process.argv.slice(2);
startCpuCount();
const started = performance.now();
const { statusCode, body } = await request(url);
if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
const tmp = join(dir, 'peer-undici.part');
const out = createWriteStream(tmp);
await pipeline(body, out);
await rename(tmp, join(dir, 'peer-undici.bin'));
const ms = performance.now() - started;
report({ bytes: out.bytesWritten, ms });
