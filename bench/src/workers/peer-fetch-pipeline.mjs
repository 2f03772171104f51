// What a user writes instead of our download, the usual answer: fetch, then
// stream.pipeline(Readable.fromWeb(body), createWriteStream(tmp)), then
// rename into place. No hash, no size check, no fsync, no resume.
//   node peer-fetch-pipeline.mjs <signedUrl> <destinationDir>
import { report, startCpuCount } from '../lib/worker-report.mjs';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [url, dir] = process.argv.slice(2);
startCpuCount();
const started = performance.now();
const response = await fetch(url);
if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
const tmp = join(dir, 'peer-fetch.part');
const out = createWriteStream(tmp);
await pipeline(Readable.fromWeb(response.body), out);
await rename(tmp, join(dir, 'peer-fetch.bin'));
const ms = performance.now() - started;
report({ bytes: out.bytesWritten, ms });
