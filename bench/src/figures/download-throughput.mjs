// Figure 1. Download throughput: the poller's download of one sandbox file
// vs what a user would write instead, in the same run, in rounds whose
// order is shuffled (seeded, the same every run): `curl -o` (the physical
// limit here), fetch + pipeline + rename (the usual answer) and
// undici.request + pipeline + rename, each Node contender under every Node
// binary measured. Each side is timed from its own start of transfer
// (curl's %{time_total}; the others inside their process, after Node has
// started), so process start-up counts for none.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxWithFinishedDownload } from '../lib/finished-download.mjs';
import { emptyDir } from '../lib/empty-dir.mjs';
import { formatBytes, median, roundOrder } from '../lib/measure.mjs';
import { runWorker } from '../lib/run-worker.mjs';

// Asynchronous on purpose: the sandbox serving the file runs in this process,
// and a synchronous child would block it (a deadlock).
function run(command, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(command, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || error.message}`));
      else resolve({ stdout, seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function curlSeconds(url, file) {
  const { stdout } = await run('curl', ['--silent', '--show-error', '--fail', '-o', file, '-w', '%{time_total}', url]);
  return Number(stdout.trim());
}

/** What ours also does and `curl -o` does not: the SHA-256 and an fsync of the file. */
async function verifyAndSyncSeconds(file) {
  const hash = await run('sha256sum', [file]);
  const sync = await run('sync', [file]);
  return hash.seconds + sync.seconds;
}

export default {
  id: 'download-throughput',
  title: '1. Download throughput',
  async run({ smoke, nodes }) {
    const bytes = smoke ? 16 << 20 : 1 << 30;
    const rounds = smoke ? 2 : 5;
    const dir = mkdtempSync(join(tmpdir(), 'exportkit-bench-dl-'));
    const fixture = await sandboxWithFinishedDownload(bytes);
    /** CPU seconds of each Node contender's runs: cpu[id] = [{ main, process }] */
    const cpu = {};
    const checked = (id, result) => {
      if (result.bytes !== bytes) throw new Error(`downloaded ${result.bytes} bytes, expected ${bytes}`);
      (cpu[id] ??= []).push({ main: result.mainThreadCpuSeconds, process: result.processCpuSeconds });
      return result.ms / 1000;
    };
    try {
      const contenders = [
        { id: 'curl', measure: () => curlSeconds(fixture.signedUrl, join(dir, 'curl.bin')) },
        // The sandbox's ceiling: curl to /dev/null writes no file, so it shows what serving alone allows.
        { id: 'curl-null', measure: () => curlSeconds(fixture.signedUrl, '/dev/null') },
        { id: 'curl-verified', measure: async () => (await curlSeconds(fixture.signedUrl, join(dir, 'curl.bin'))) + (await verifyAndSyncSeconds(join(dir, 'curl.bin'))) },
      ];
      for (const node of nodes()) {
        contenders.push(
          { id: `ours ${node.label}`, measure: async () => checked(`ours ${node.label}`, await runWorker('poller-download', [fixture.baseUrl, fixture.apiKey, fixture.downloadId, dir], node.path)) },
          { id: `fetch ${node.label}`, measure: async () => checked(`fetch ${node.label}`, await runWorker('peer-fetch-pipeline', [fixture.signedUrl, dir], node.path)) },
          { id: `undici ${node.label}`, measure: async () => checked(`undici ${node.label}`, await runWorker('peer-undici', [fixture.signedUrl, dir], node.path)) },
        );
      }
      /** seconds[id][round] */
      const seconds = Object.fromEntries(contenders.map((c) => [c.id, []]));
      for (let round = 0; round < rounds; round++) {
        for (const contender of roundOrder(contenders, round)) {
          emptyDir(dir);
          seconds[contender.id].push(await contender.measure());
        }
      }
      // Per round, the throughput ratio of a to b (b's time over a's), then the median over rounds.
      const ratio = (a, b) => median(seconds[a].map((s, round) => seconds[b][round] / s));
      const rate = (id) => `${formatBytes(bytes / median(seconds[id]))}/s`;
      const gib = bytes / (1 << 30);
      /** Median CPU seconds per GiB of `kind` ('main' thread or whole 'process'). */
      const cpuPerGiB = (id, kind) => median(cpu[id].map((run) => run[kind])) / gib;
      const cpuText = (id, kind) => `${cpuPerGiB(id, kind).toFixed(2)} s/GiB`;
      const rows = [
        {
          measure: `the sandbox's ceiling: curl -o /dev/null vs curl -o file (serving is not the bottleneck when this is well above 1)`,
          ours: `curl -o /dev/null ${rate('curl-null')}`,
          baseline: `curl -o file ${rate('curl')}`,
          ratio: ratio('curl-null', 'curl'),
          target: 'reference',
          met: undefined,
        },
      ];
      for (const node of nodes()) {
        const ours = `ours ${node.label}`;
        const target = 0.9;
        rows.push(
          {
            measure: `${node.label}: ${formatBytes(bytes)} from the signed-URL origin, median of ${rounds} shuffled rounds (ours checks size and SHA-256, fsyncs, renames)`,
            ours: rate(ours),
            baseline: `curl -o ${rate('curl')}`,
            ratio: ratio(ours, 'curl'),
            target: `≥ ${target.toFixed(2)} of curl`,
            met: ratio(ours, 'curl') >= target,
          },
          {
            measure: `${node.label}: the same, vs fetch + pipeline(Readable.fromWeb(body), createWriteStream) + rename`,
            ours: rate(ours),
            baseline: `fetch + pipeline ${rate(`fetch ${node.label}`)}`,
            ratio: ratio(ours, `fetch ${node.label}`),
            target: '≥ 1.00',
            met: ratio(ours, `fetch ${node.label}`) >= 1,
          },
          {
            measure: `${node.label}: the same, vs undici.request + pipeline(body, createWriteStream) + rename`,
            ours: rate(ours),
            baseline: `undici.request ${rate(`undici ${node.label}`)}`,
            ratio: ratio(ours, `undici ${node.label}`),
            target: 'reference',
            met: undefined,
          },
          {
            measure: `${node.label}: the same, vs curl -o then sha256sum then sync of the file (what ours also does)`,
            ours: rate(ours),
            baseline: `curl + sha256sum + sync ${rate('curl-verified')}`,
            ratio: ratio(ours, 'curl-verified'),
            target: 'reference',
            met: undefined,
          },
          ...(['main', 'process'].every((kind) => cpu[ours].every((run) => run[kind] !== undefined))
            ? [
                {
                  measure: `${node.label}: CPU on the thread that receives the body (load-proof: CPU time, not wall time), per GiB; ratio = fetch + pipeline's over ours`,
                  ours: cpuText(ours, 'main'),
                  baseline: `fetch + pipeline ${cpuText(`fetch ${node.label}`, 'main')}; undici ${cpuText(`undici ${node.label}`, 'main')}`,
                  ratio: cpuPerGiB(`fetch ${node.label}`, 'main') / cpuPerGiB(ours, 'main'),
                  target: 'reference',
                  met: undefined,
                },
                {
                  measure: `${node.label}: CPU of the whole process (every thread: hash, writes, fsync), per GiB; ratio = fetch + pipeline's over ours`,
                  ours: cpuText(ours, 'process'),
                  baseline: `fetch + pipeline ${cpuText(`fetch ${node.label}`, 'process')}; undici ${cpuText(`undici ${node.label}`, 'process')}`,
                  ratio: cpuPerGiB(`fetch ${node.label}`, 'process') / cpuPerGiB(ours, 'process'),
                  target: 'reference',
                  met: undefined,
                },
              ]
            : []),
        );
      }
      return rows;
    } finally {
      await fixture.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
