// Hashes 64 MiB with SHA-256, on this thread ("inline") or on a worker
// thread that reads the same shared pages in place ("worker"), and reports
// its peak RSS: what moving the hash off the main thread costs in memory.
//   node hash-64mib.mjs <inline|worker>
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { report } from '../lib/worker-report.mjs';

const HASHER = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
parentPort.on('message', (page) => (page === 'end' ? parentPort.postMessage(hash.digest('hex')) : hash.update(new Uint8Array(page))));
`;
const PAGES = 64;
const page = new SharedArrayBuffer(1 << 20);
new Uint8Array(page).fill(3);

if (process.argv[2] === 'worker') {
  const worker = new Worker(HASHER, { eval: true });
  for (let i = 0; i < PAGES; i++) worker.postMessage(page);
  worker.postMessage('end');
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
} else {
  const hash = createHash('sha256');
  for (let i = 0; i < PAGES; i++) hash.update(new Uint8Array(page));
  hash.digest('hex');
}
report({ node: process.version });
