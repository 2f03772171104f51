// One way for every scenario to drive the poller's node export functions
// against the sandbox, so the fault matrix, the hostile-input and the load
// scenarios all exercise the same public calls users make.
import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import type { ExportResult as DownloadResult, RunExportOptions as ExportOptions } from '@exportkit/poller';
import { exportClosientOrg } from '@exportkit/poller/closient';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { exportVideoDBDownload } from '@exportkit/poller/videodb';
import type { Sandbox, Vendor } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';

/** Short waits so a scenario takes well under a second unless a fault stalls it. */
export function fastExportOptions(to: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return {
    to,
    minDelayMs: 5,
    maxDelayMs: 50,
    timeoutMs: 15_000,
    stallTimeoutMs: 300,
    requestTimeoutMs: 2_000,
    // Omni's 60/min would throttle a matrix of scenarios on one process; each
    // scenario has its own key anyway, and the load scenario tests the budget.
    governor: new RateLimitGovernor({ limits: { omni: [] }, defaultPauseMs: 100 }),
    ...extra,
  };
}

/** Exports the sandbox's fixture of `vendor` with `apiKey` through the poller's one-call API. */
export function exportFromSandbox(sandbox: Sandbox, vendor: Vendor, apiKey: string, options: ExportOptions): Promise<DownloadResult> {
  const { fixtures, baseUrls } = sandbox;
  if (vendor === 'omni') {
    const client = createOmniClient({ apiKey, baseUrl: baseUrls.omni });
    return exportOmniDashboard(client, { dashboardId: fixtures.omniDashboardId, body: { format: 'pdf' } }, options);
  }
  if (vendor === 'videodb') {
    const client = createVideoDBClient({ apiKey, baseUrl: baseUrls.videodb });
    return exportVideoDBDownload(client, { streamLink: fixtures.videodbStreamLink, name: 'clip.mp4' }, options);
  }
  const client = createClosientClient({ apiKey, baseUrl: baseUrls.closient });
  return exportClosientOrg(client, { organizationId: fixtures.closientOrganizationId }, options);
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's outcome as a value, so a scenario can judge a failure instead of only propagating it. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
