// Figure 2. Download memory: peak RSS of a process downloading 64 MiB and
// 1 GiB through the poller. Streaming means the two peaks are the same within
// 10%, and under 100 MiB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxWithFinishedDownload } from '../lib/finished-download.mjs';
import { formatBytes } from '../lib/measure.mjs';
import { runWorker } from '../lib/run-worker.mjs';

async function peakRss(bytes, dir) {
  const fixture = await sandboxWithFinishedDownload(bytes);
  try {
    const result = await runWorker('poller-download', [fixture.baseUrl, fixture.apiKey, fixture.downloadId, dir]);
    if (result.bytes !== bytes) throw new Error(`downloaded ${result.bytes} bytes, expected ${bytes}`);
    return result.peakRssBytes;
  } finally {
    await fixture.close();
  }
}

export default {
  id: 'download-memory',
  title: '2. Download memory',
  async run({ smoke }) {
    const [small, large] = smoke ? [4 << 20, 64 << 20] : [64 << 20, 1 << 30];
    const dir = mkdtempSync(join(tmpdir(), 'exportkit-bench-mem-'));
    try {
      const smallPeak = await peakRss(small, dir);
      const largePeak = await peakRss(large, dir);
      const ratio = largePeak / smallPeak;
      return [
        {
          measure: `peak RSS downloading ${formatBytes(large)} vs ${formatBytes(small)}`,
          ours: formatBytes(largePeak),
          baseline: formatBytes(smallPeak),
          ratio,
          target: 'within 10%, both < 100 MiB',
          met: ratio <= 1.1 && largePeak < 100 << 20 && smallPeak < 100 << 20,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
