// What hashing on another thread would cost in memory: the peak RSS of a
// Node process that hashes 64 MiB with SHA-256 on a worker thread (the pages
// shared, not copied), against one that hashes the same on its own thread,
// each in fresh processes, alternating. The figure behind issue 15's trade:
// ≥ 0.9 of curl needs the hash off the receiving thread, and the download's
// memory target has less headroom than a Worker costs. A diagnostic, not a
// figure with a target.
//   node src/probes/worker-rss.mjs [rounds] [node binary]
import { execFile } from 'node:child_process';
import { median } from '../lib/measure.mjs';

const CHILD = `
const { Worker } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const peakMiB = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const HASHER = "const { parentPort } = require('node:worker_threads'); const h = require('node:crypto').createHash('sha256');" +
  "parentPort.on('message', (m) => m === 'end' ? parentPort.postMessage(h.digest('hex')) : h.update(new Uint8Array(m)));";
const page = new SharedArrayBuffer(1 << 20);
new Uint8Array(page).fill(3);
(async () => {
  if (process.argv[1] === 'worker') {
    const worker = new Worker(HASHER, { eval: true });
    for (let i = 0; i < 64; i++) worker.postMessage(page);
    worker.postMessage('end');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
  } else {
    const hash = createHash('sha256');
    for (let i = 0; i < 64; i++) hash.update(new Uint8Array(page));
    hash.digest('hex');
  }
  console.log(peakMiB());
})();
`;

const rounds = Number(process.argv[2] ?? 5);
const node = process.argv[3] ?? process.execPath;

const peak = (mode) =>
  new Promise((resolve, reject) => {
    execFile(node, ['-e', CHILD, mode], (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(Number(stdout.trim()))));
  });

const peaks = { inline: [], worker: [] };
for (let round = 0; round < rounds; round++) {
  for (const mode of round % 2 ? ['worker', 'inline'] : ['inline', 'worker']) peaks[mode].push(await peak(mode));
}
const version = await new Promise((resolve) => execFile(node, ['--version'], (_, stdout) => resolve(stdout.trim())));
const inline = median(peaks.inline);
const worker = median(peaks.worker);
console.log(`worker-rss on Node ${version}, median of ${rounds}:`);
console.log(`  peak RSS, hash on the main thread  ${inline.toFixed(1)} MiB`);
console.log(`  peak RSS, hash on a worker thread  ${worker.toFixed(1)} MiB  (+${(worker - inline).toFixed(1)} MiB)`);
