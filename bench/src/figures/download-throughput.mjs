// Figure 1. Download throughput: the poller's download of one sandbox file vs
// `curl -o` of the same signed URL, alternating runs, median ratio. Each side
// is timed from its own start of transfer (curl's %{time_total}; ours inside
// the worker, after Node has started), so process start-up is not counted
// against either.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxWithFinishedDownload } from '../lib/finished-download.mjs';
import { formatBytes, median } from '../lib/measure.mjs';
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

/**
 * What our download also does and `curl -o` does not: check the SHA-256 and
 * make the file durable (fsync) before it is in place. Timed separately, so
 * a like-for-like figure can be given next to the plain one.
 */
async function verifyAndSyncSeconds(file) {
  const hash = await run('sha256sum', [file]);
  const sync = await run('sync', [file]);
  return hash.seconds + sync.seconds;
}

export default {
  id: 'download-throughput',
  title: '1. Download throughput',
  async run({ smoke }) {
    const bytes = smoke ? 16 << 20 : 1 << 30;
    const runs = smoke ? 2 : 5;
    const dir = mkdtempSync(join(tmpdir(), 'exportkit-bench-dl-'));
    const fixture = await sandboxWithFinishedDownload(bytes);
    try {
      const ratios = [];
      const fairRatios = [];
      const ours = [];
      const curls = [];
      for (let run = 0; run < runs; run++) {
        const measureOurs = async () => (await runWorker('poller-download', [fixture.baseUrl, fixture.apiKey, fixture.downloadId, dir])).ms / 1000;
        let extra = 0;
        const measureCurl = async () => {
          const seconds = await curlSeconds(fixture.signedUrl, join(dir, 'curl.bin'));
          extra = await verifyAndSyncSeconds(join(dir, 'curl.bin'));
          return seconds;
        };
        // Alternate which goes first, so drift on a shared machine hits both alike.
        let o;
        let c;
        if (run % 2) {
          o = await measureOurs();
          c = await measureCurl();
        } else {
          c = await measureCurl();
          o = await measureOurs();
        }
        ours.push(o);
        curls.push(c);
        ratios.push(c / o); // throughput ratio: ours / curl's
        fairRatios.push((c + extra) / o);
      }
      const ratio = median(ratios);
      const rate = (s) => `${formatBytes(bytes / s)}/s`;
      return [
        {
          measure: `${formatBytes(bytes)} from the signed-URL origin, median of ${runs} alternating runs (ours verifies size and SHA-256 too)`,
          ours: rate(median(ours)),
          baseline: `curl ${rate(median(curls))}`,
          ratio,
          target: '≥ 0.95 of curl',
          met: ratio >= 0.95,
        },
        {
          measure: 'the same, against curl -o then sha256sum then sync of the file (what ours also does)',
          ours: rate(median(ours)),
          baseline: 'curl + sha256sum + sync',
          ratio: median(fairRatios),
          target: 'reference',
          met: undefined,
        },
      ];
    } finally {
      await fixture.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
