// What hashing on another thread would cost in memory: the peak RSS of a
// Node process that hashes 64 MiB with SHA-256 on a worker thread (the pages
// shared, not copied), against one that hashes the same on its own thread,
// each in fresh processes, alternating. The figure behind issue 15's trade:
// ≥ 0.9 of curl needs the hash off the receiving thread, and the download's
// memory target has less headroom than a Worker costs. A diagnostic, not a
// figure with a target.
//   node src/probes/worker-rss.mjs [rounds] [node binary]
import { median } from '../lib/measure.mjs';
import { runWorker } from '../lib/run-worker.mjs';

const rounds = Number(process.argv[2] ?? 5);
const node = process.argv[3] ?? process.execPath;

const peakMiB = { inline: [], worker: [] };
let version;
for (let round = 0; round < rounds; round++) {
  for (const mode of round % 2 ? ['worker', 'inline'] : ['inline', 'worker']) {
    const result = await runWorker('hash-64mib', [mode], node);
    peakMiB[mode].push(result.peakRssBytes / (1 << 20));
    version = result.node;
  }
}
const inline = median(peakMiB.inline);
const worker = median(peakMiB.worker);
console.log(`worker-rss on Node ${version}, median of ${rounds}:`);
console.log(`  peak RSS, hash on the main thread  ${inline.toFixed(1)} MiB`);
console.log(`  peak RSS, hash on a worker thread  ${worker.toFixed(1)} MiB  (+${(worker - inline).toFixed(1)} MiB)`);
