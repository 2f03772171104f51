// Downloads one finished VideoDB download through the poller, in a process of
// its own so its peak RSS and its time are its own. Prints one JSON line.
//   node poller-download.mjs <videodbBaseUrl> <apiKey> <downloadId> <destinationDir>
import { report, startCpuCount } from '../lib/worker-report.mjs';
import { createVideoDBClient } from '@exportkit/videodb';
import { exportVideoDBDownload } from '@exportkit/poller/videodb';

const [baseUrl, apiKey, downloadId, to] = process.argv.slice(2);
const client = createVideoDBClient({ apiKey, baseUrl });
startCpuCount();
const started = performance.now();
const result = await exportVideoDBDownload(client, { downloadId }, { to, overwrite: true, timeoutMs: 600_000 });
const ms = performance.now() - started;
report({ bytes: result.bytes, ms, sha256: result.sha256 });
