// Where a download's time goes: the poller's own download parts, run one
// layer at a time in fresh processes against one sandbox file, beside curl -o
// in the same rounds. Layers: the direct GET alone (body read into the pages
// and handed straight back), + SHA-256 of every chunk, + the partial file
// (hash, 1 MiB writes behind the transfer, background datasync, final fsync
// and rename: the whole disk side of a real download). A diagnostic, not a
// figure with a target: it reaches into the poller's built files, which are
// not part of its public API.
//   node src/probes/download-phases.mjs [rounds] [MiB] [node binary]
// PROBE_LAYERS=read+hash+file (comma-separated) runs only those layers.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxWithFinishedDownload } from '../lib/finished-download.mjs';
import { emptyDir } from '../lib/empty-dir.mjs';
import { median } from '../lib/measure.mjs';

const LAYERS = process.env.PROBE_LAYERS ? process.env.PROBE_LAYERS.split(',') : ['read', 'read+hash', 'read+hash+file'];

function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout.trim())));
  });
}

async function child(layer, url, dir) {
  const poller = new URL('../../../packages/poller/dist/download/', import.meta.url);
  const { directGet } = await import(new URL('direct-get.js', poller));
  const { PartialFile } = await import(new URL('partial-file.js', poller));
  const { createHash } = await import('node:crypto');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const answer = await directGet(new URL(url), {}, undefined);
  const hash = createHash('sha256');
  const file = layer === 'read+hash+file' ? await PartialFile.open(dir, { vendor: 'probe', id: String(process.pid) }) : undefined;
  let bytes = 0;
  for await (const chunk of answer.chunks()) {
    bytes += chunk.length;
    if (file) await file.write(chunk, answer.release);
    else {
      if (layer === 'read+hash') hash.update(chunk);
      answer.release(chunk);
    }
  }
  if (file) await file.commit(join(dir, `probe-${process.pid}.bin`), true);
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ bytes, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }));
}

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const mib = Number(process.argv[3] ?? 1024);
  const node = process.argv[4] ?? process.execPath;
  const dir = mkdtempSync(join(tmpdir(), 'exportkit-probe-'));
  const fixture = await sandboxWithFinishedDownload(mib << 20);
  const rates = { curl: [] };
  const cpu = {};
  try {
    for (let round = 0; round < rounds; round++) {
      emptyDir(dir);
      const curl = Number(await run('curl', ['--silent', '--fail', '-o', join(dir, 'curl.bin'), '-w', '%{time_total}', fixture.signedUrl]));
      rates.curl.push(mib / curl);
      for (const layer of LAYERS) {
        emptyDir(dir);
        const out = JSON.parse(await run(node, [fileURLToPath(import.meta.url), '--child', layer, fixture.signedUrl, dir]));
        if (out.bytes !== mib << 20) throw new Error(`${layer}: ${out.bytes} bytes`);
        (rates[layer] ??= []).push(mib / out.seconds);
        (cpu[layer] ??= []).push(out.cpuSeconds / (mib / 1024));
      }
    }
  } finally {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const curl = median(rates.curl);
  console.log(`${mib} MiB, ${rounds} rounds, ${await run(node, ['--version'])}; median MiB/s (ratio to curl -o), process CPU s/GiB`);
  console.log(`curl -o: ${curl.toFixed(0)} MiB/s`);
  for (const layer of LAYERS) console.log(`${layer}: ${median(rates[layer]).toFixed(0)} MiB/s (${(median(rates[layer]) / curl).toFixed(2)}), ${median(cpu[layer]).toFixed(2)} s/GiB`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
