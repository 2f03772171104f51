// Omni documents no rate-limit headers, so its 429 carries no hint. One job
// that meets two of them in a row must finish within seconds of the vendor
// answering again — not a minute per 429, as when an unhinted 429 paused the
// key for its whole window — with the real quotas and default timings.
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freshFolder, inspectFolder } from '../src/destination-check.js';
import { scenario } from '../src/ledger.js';
import { withinDeadline } from '../src/within-deadline.js';

const LIMIT_MS = 15_000;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 200 });
});
afterAll(() => sandbox?.close());

test('one Omni job, two unhinted 429s in a row: done within 15 s', () =>
  scenario('rate-limit/omni/two-unhinted-429s-one-job', async () => {
    sandbox.addFault({ fault: 'rate-limit-no-retry-after', vendor: 'omni', stage: 'poll', times: 2 });
    const folder = await freshFolder('unhinted-429');
    try {
      const omni = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni });
      const startedAt = Date.now();
      // A governor of its own with the documented quotas (60/min) and the default 429 handling.
      const result = await withinDeadline(
        exportOmniDashboard(omni, { dashboardId: sandbox.fixtures.omniDashboardId, body: { format: 'pdf' } }, { to: folder.path, governor: new RateLimitGovernor() }),
        LIMIT_MS,
      );
      const elapsedMs = Date.now() - startedAt;
      expect(sandbox.requestCount('omni', { status: 429 })).toBe(2);
      expect(elapsedMs).toBeLessThan(LIMIT_MS);
      const verdict = await inspectFolder(folder.path, { file: result.file, sha256: (await sandbox.artifact('omni', result.job.id)).sha256 });
      return { corruptedFiles: verdict.corruptedFiles, partialFiles: verdict.partialFiles, note: `finished in ${(elapsedMs / 1000).toFixed(1)} s` };
    } finally {
      await folder.remove();
    }
  }));
