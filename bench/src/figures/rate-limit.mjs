// Figure 5. Rate-limit adherence: 1,000 concurrent Omni jobs on one key
// against the sandbox's 60/min limit. At real speed that is a 50-minute run,
// so time is scaled: the sandbox's clock runs 100× fast (its minute lasts
// 600 ms) and the governor's budget says 60 per 600 ms. What is measured is
// the shape: 429s received, and total time vs the least time the budget
// allows for the requests the run had to make.
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import { startOmniExport } from '@exportkit/poller/omni';
import { startSandbox } from '@exportkit/sandbox';

const LIMIT = 60;
const SPEED_UP = 100;
const WINDOW_MS = 60_000 / SPEED_UP;

export default {
  id: 'rate-limit',
  title: '5. Rate-limit adherence',
  async run({ smoke }) {
    const jobs = smoke ? 100 : 1_000;
    const origin = Date.now();
    const sandbox = await startSandbox({ jobDurationMs: 0, now: () => origin + (Date.now() - origin) * SPEED_UP });
    try {
      const client = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni });
      const governor = new RateLimitGovernor({ limits: { omni: [{ limit: LIMIT, windowMs: WINDOW_MS }] }, downloadConcurrency: 16 });
      const started = performance.now();
      // Each job: initiate, then poll until complete (the sandbox completes at once).
      await Promise.all(
        Array.from({ length: jobs }, async (_, i) => {
          const job = await startOmniExport(
            client,
            { dashboardId: `${sandbox.fixtures.omniDashboardId}-${i}`, body: { format: 'pdf' } },
            { governor },
          );
          await job.wait({ minDelayMs: 50, maxDelayMs: 2_000, timeoutMs: 600_000 });
        }),
      );
      const elapsedMs = performance.now() - started;
      const requests = sandbox.requestCount('omni');
      const tooMany = sandbox.requestCount('omni', { status: 429 });
      // The budget admits LIMIT requests per window, the first window at once.
      const minimumMs = Math.max(0, Math.ceil(requests / LIMIT) - 1) * WINDOW_MS;
      const ratio = elapsedMs / minimumMs;
      return [
        {
          measure: `${jobs} concurrent Omni jobs, one key, ${LIMIT} req per ${WINDOW_MS} ms (scaled): 429s received`,
          ours: String(tooMany),
          baseline: `${requests} requests`,
          ratio: undefined,
          target: '0',
          met: tooMany === 0,
        },
        {
          measure: 'total time vs the least the budget allows for those requests',
          ours: `${(elapsedMs / 1000).toFixed(1)} s`,
          baseline: `${(minimumMs / 1000).toFixed(1)} s`,
          ratio,
          target: '≤ 1.10',
          met: ratio <= 1.1,
        },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
