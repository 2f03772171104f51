import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

const GIB = 1024 ** 3;

const MIB = 1024 ** 2;
const SAMPLE_EVERY = 64 * MIB;

interface Drained {
  status: number;
  bytes: number;
  /** RSS growth from before the request to the peak seen while streaming. */
  peakGrowthMiB: number;
  /** RSS growth after the first 128 MiB (sockets, JIT and buffers warmed up) to the end: flat means ~0. */
  steadyGrowthMiB: number;
}

/** GETs a URL over node:http and discards the body, sampling RSS every 64 MiB. */
function drain(url: string, headers: Record<string, string> = {}): Promise<Drained> {
  const before = process.memoryUsage.rss();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      let peak = before;
      let warm = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes % SAMPLE_EVERY >= chunk.length) return;
        const rss = process.memoryUsage.rss();
        peak = Math.max(peak, rss);
        if (warm === 0 && bytes >= 2 * SAMPLE_EVERY) warm = rss;
      });
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          peakGrowthMiB: (peak - before) / MIB,
          steadyGrowthMiB: (peak - (warm || before)) / MIB,
        }),
      );
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

/** Holding the file would cost 1024 MiB; streaming costs socket buffers. */
function expectFlat(label: string, result: Drained): void {
  console.log(`${label}: RSS peak growth ${result.peakGrowthMiB.toFixed(1)} MiB, after warm-up ${result.steadyGrowthMiB.toFixed(1)} MiB`);
  expect(result).toMatchObject({ status: 200, bytes: GIB });
  expect(result.steadyGrowthMiB).toBeLessThan(32);
  expect(result.peakGrowthMiB).toBeLessThan(128);
}

describe('a 1 GiB file', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ jobDurationMs: 0, fileSizes: { videodb: GIB, omni: GIB } });
  });
  afterAll(() => sandbox.close());

  it('is served from the signed-URL origin with flat memory', async () => {
    const headers = { 'x-access-token': sandbox.apiKeys.videodb, 'content-type': 'application/json' };
    const created = (await (
      await fetch(`${sandbox.baseUrls.videodb}/download`, { method: 'POST', headers, body: JSON.stringify({ stream_link: sandbox.fixtures.videodbStreamLink }) })
    ).json()) as { data: { id: string } };
    const status = (await (await fetch(`${sandbox.baseUrls.videodb}/download/${created.data.id}`, { headers })).json()) as {
      data: { download_url: string };
    };
    expectFlat('1 GiB VideoDB download (signed-URL origin)', await drain(status.data.download_url));
  }, 120_000);

  it('is served by Omni\'s download endpoint with flat memory (CSV of one tile)', async () => {
    const headers = { Authorization: `Bearer ${sandbox.apiKeys.omni}`, 'content-type': 'application/json' };
    const base = `${sandbox.baseUrls.omni}/v1/dashboards/${sandbox.fixtures.omniDashboardId}/download`;
    const started = (await (
      await fetch(base, { method: 'POST', headers, body: JSON.stringify({ format: 'csv', queryIdentifierMapKey: '1' }) })
    ).json()) as { job_id: string };
    expectFlat('1 GiB Omni CSV download (main origin)', await drain(`${base}/${started.job_id}`, headers));
  }, 120_000);
});
