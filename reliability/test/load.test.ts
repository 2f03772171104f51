// Load: 1,000 concurrent exports across the three vendors, one key per
// vendor, with 429s, 503s and resets sprinkled in, against one sandbox. All
// complete with the right bytes; the governor keeps each key within its
// budget (no 429 of the sandbox's own beyond the first of a window); memory
// stays bounded. Time runs 100x fast for the sandbox and the poller alike.
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import type { ExportResult as DownloadResult, RunExportOptions as ExportOptions } from '@exportkit/poller';
import { exportClosientOrg } from '@exportkit/poller/closient';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { exportVideoDBDownload } from '@exportkit/poller/videodb';
import { startSandbox, VENDORS, type FaultName, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { countLeaks, errorText, storageRequestTexts } from '../src/credential-leaks.js';
import { freshFolder, sha256OfFile } from '../src/destination-check.js';
import { scenario } from '../src/ledger.js';
import { settle } from '../src/sandbox-export.js';
import { scaledTime } from '../src/scaled-time.js';

const JOBS = 1_000;
const time = scaledTime(100);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: time.clock, jobDurationMs: 10_000, fileSizes: { omni: 4_096, videodb: 4_096, closient: 4_096 } });
});
afterAll(() => sandbox?.close());

/** The faults sprinkled over the run: each fires `times` times on whichever requests come first. */
const SPRINKLED: [FaultName, 'start' | 'poll' | 'download', number][] = [
  ['rate-limit-retry-after-seconds', 'start', 3],
  ['rate-limit-retry-after-seconds', 'poll', 5],
  ['rate-limit-no-retry-after', 'poll', 3],
  ['server-error-503', 'poll', 5],
  ['server-error-503', 'download', 3],
  ['connection-reset', 'download', 2],
];

/** Sandbox 429s not injected by a fault, beyond the first of each rate window of their key. */
function requestsOverBudget(vendor: Vendor, windowMs: number): number {
  const perWindow = new Map<number, number>();
  for (const r of sandbox.requests) {
    if (r.vendor !== vendor || r.status !== 429 || r.fault !== undefined) continue;
    const window = Math.floor(r.at / windowMs);
    perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  }
  return [...perWindow.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
}

test(`${JOBS} concurrent exports over three vendors with faults: all complete, within budget, bounded memory`, () =>
  scenario('load/1000-jobs-three-vendors', async () => {
    for (const vendor of VENDORS) for (const [fault, stage, times] of SPRINKLED) sandbox.addFault({ fault, vendor, stage, times, retryAfterSeconds: 1 });
    const folder = await freshFolder('load');
    // One governor, with the documented limits, reading the same fast clock as the sandbox.
    const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, downloadConcurrency: 16 });
    const hour = 3_600_000;
    const options = (i: number, vendor: Vendor): ExportOptions => ({
      to: folder.path,
      filename: `${vendor}-${i}.bin`,
      governor,
      clock: time.clock,
      sleep: time.sleep,
      // Scaled time: an hour here is 36 s of wall clock; a loaded 2-core machine must not trip these.
      timeoutMs: 3 * hour,
      requestTimeoutMs: hour / 2,
      stallTimeoutMs: hour / 2,
    });
    const omni = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni });
    const videodb = createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb });
    const closient = createClosientClient({ apiKey: sandbox.apiKeys.closient, baseUrl: sandbox.baseUrls.closient });
    const run = (i: number): Promise<DownloadResult> => {
      const vendor = VENDORS[i % 3] as Vendor;
      if (vendor === 'omni') return exportOmniDashboard(omni, { dashboardId: `load-dashboard-${i}`, body: { format: 'pdf' } }, options(i, vendor));
      if (vendor === 'videodb') return exportVideoDBDownload(videodb, { streamLink: sandbox.fixtures.videodbStreamLink, name: `clip-${i}` }, options(i, vendor));
      return exportClosientOrg(closient, { organizationId: sandbox.fixtures.closientOrganizationId }, options(i, vendor));
    };

    const before = process.memoryUsage();
    try {
      const outcomes = await Promise.all(Array.from({ length: JOBS }, (_, i) => settle(run(i))));
      const after = process.memoryUsage();
      const failures = outcomes.flatMap((o) => (o.ok ? [] : [errorText(o.error).split('\n')[0]]));
      expect(failures, failures.slice(0, 5).join('\n')).toEqual([]);

      // Every file on disk is read back and compared with what the sandbox made.
      let corruptedFiles = 0;
      const written = new Set<string>();
      for (const outcome of outcomes) {
        if (!outcome.ok) continue;
        written.add(basename(outcome.value.file));
        const artifact = await sandbox.artifact(outcome.value.job.vendor as Vendor, outcome.value.job.id);
        if ((await sha256OfFile(outcome.value.file)) !== artifact.sha256) corruptedFiles++;
      }
      const leftovers = (await readdir(folder.path)).filter((name) => !written.has(name));
      const rssGrowth = after.rss - before.rss;
      // Memory bounded: a thousand small jobs must not cost more than a few hundred MB.
      expect(rssGrowth).toBeLessThan(512 * 2 ** 20);
      // The budget held: no 429 the sandbox sent on its own beyond the first of a window. (This
      // failed by ~100-300 requests a run until the governor held each slot until its answer.)
      const overBudget = requestsOverBudget('omni', 60_000) + requestsOverBudget('closient', 60_000);
      const natural429 = (vendor: Vendor) => sandbox.requests.filter((r) => r.vendor === vendor && r.status === 429 && !r.fault).length;
      expect(overBudget).toBe(0);
      return {
        corruptedFiles,
        partialFiles: leftovers.length,
        overBudget,
        credentialLeaks: countLeaks(Object.values(sandbox.apiKeys), storageRequestTexts(sandbox)),
        note: `over budget: omni ${natural429('omni')}, closient ${natural429('closient')} unprompted 429s; faults fired ${sandbox.faultCount()}; requests ${sandbox.requests.length}; heap +${mib(after.heapUsed - before.heapUsed)} MiB, RSS +${mib(rssGrowth)} MiB`,
      };
    } finally {
      await folder.remove();
    }
  }), 120_000);

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
