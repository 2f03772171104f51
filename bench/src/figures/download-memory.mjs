// Figure 2. Download memory: peak RSS of a process downloading 64 MiB and
// 1 GiB through the poller, under each Node binary, next to a bare Node
// process's RSS measured in the same run (what the runtime alone costs) and
// the usual fetch + pipeline answer's at 1 GiB. Streaming means the two
// peaks of ours are the same within 10%, and under 100 MiB. A second
// baseline, a Node process that made the poller's one status call with plain
// fetch, shows what fetch itself costs (workers/after-one-fetch.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxWithFinishedDownload } from '../lib/finished-download.mjs';
import { formatBytes, median } from '../lib/measure.mjs';
import { runWorker } from '../lib/run-worker.mjs';

async function peakRss(fixture, bytes, dir, node, worker) {
  const args = worker === 'poller-download' ? [fixture.baseUrl, fixture.apiKey, fixture.downloadId, dir] : [fixture.signedUrl, dir];
  const result = await runWorker(worker, args, node.path);
  if (result.bytes !== bytes) throw new Error(`downloaded ${result.bytes} bytes, expected ${bytes}`);
  return result.peakRssBytes;
}

export default {
  id: 'download-memory',
  title: '2. Download memory',
  async run({ smoke, nodes }) {
    const [small, large] = smoke ? [4 << 20, 64 << 20] : [64 << 20, 1 << 30];
    const dir = mkdtempSync(join(tmpdir(), 'exportkit-bench-mem-'));
    const smallFixture = await sandboxWithFinishedDownload(small);
    const largeFixture = await sandboxWithFinishedDownload(large);
    try {
      const rows = [];
      for (const node of nodes()) {
        // The bare figure is the median of three: a process this small varies by a MiB or two.
        const bare = median(await Promise.all([0, 1, 2].map(() => runWorker('bare-node', [], node.path).then((r) => r.peakRssBytes))));
        // As long as the 1 GiB download takes here (about 1.5 s): the compile it shows runs in the background.
        const statusArgs = [`${largeFixture.baseUrl}/download/${largeFixture.downloadId}`, 'x-access-token', largeFixture.apiKey, '1500'];
        const afterFetch = median(await Promise.all([0, 1, 2].map(() => runWorker('after-one-fetch', statusArgs, node.path).then((r) => r.peakRssBytes))));
        const smallPeak = await peakRss(smallFixture, small, dir, node, 'poller-download');
        const largePeak = await peakRss(largeFixture, large, dir, node, 'poller-download');
        const peerPeak = await peakRss(largeFixture, large, dir, node, 'peer-fetch-pipeline');
        const ratio = largePeak / smallPeak;
        rows.push(
          {
            measure: `${node.label}: peak RSS downloading ${formatBytes(large)} vs ${formatBytes(small)}`,
            ours: formatBytes(largePeak),
            baseline: formatBytes(smallPeak),
            ratio,
            target: 'within 10%, both < 100 MiB',
            met: ratio <= 1.1 && largePeak < 100 << 20 && smallPeak < 100 << 20,
          },
          {
            measure: `${node.label}: what is ours — peak RSS at ${formatBytes(large)} vs a bare Node process (no code loaded), same run`,
            ours: formatBytes(largePeak),
            baseline: `bare Node ${formatBytes(bare)}`,
            ratio: largePeak / bare,
            target: 'reference',
            met: undefined,
          },
          {
            measure: `${node.label}: what is ours beyond fetch — peak RSS at ${formatBytes(large)} vs a Node process that made the same status call with plain fetch, same run`,
            ours: formatBytes(largePeak),
            baseline: `Node after one fetch ${formatBytes(afterFetch)}`,
            ratio: largePeak / afterFetch,
            target: 'reference',
            met: undefined,
          },
          {
            measure: `${node.label}: the usual fetch + pipeline answer's peak RSS at ${formatBytes(large)}`,
            ours: formatBytes(largePeak),
            baseline: `fetch + pipeline ${formatBytes(peerPeak)}`,
            ratio: largePeak / peerPeak,
            target: 'reference',
            met: undefined,
          },
        );
      }
      return rows;
    } finally {
      await smallFixture.close();
      await largeFixture.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
