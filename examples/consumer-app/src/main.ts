// Exports one file from each vendor on the sandbox, through the published
// packages only, and checks every file byte for byte (sha256) against what the
// sandbox says it served. Exits 1 on any mismatch or error.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import type { ExportResult as DownloadResult, RunExportOptions as ExportOptions } from '@exportkit/poller';
import { exportClosientOrg } from '@exportkit/poller/closient';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { exportVideoDBDownload } from '@exportkit/poller/videodb';
import { startSandbox, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';

/** Compares a written file with the sandbox's record of the job; returns a line for the log. */
async function verify(sandbox: Sandbox, vendor: Vendor, result: DownloadResult): Promise<{ ok: boolean; line: string }> {
  const expected = await sandbox.artifact(vendor, result.job.id);
  const ok = expected.sha256 === result.sha256 && expected.size === result.bytes;
  const line = `${ok ? 'ok  ' : 'FAIL'} ${vendor.padEnd(8)} ${result.bytes} bytes  ${result.file}` +
    (ok ? '' : `\n     expected ${expected.sha256} (${expected.size} bytes), got ${result.sha256}`);
  return { ok, line };
}

async function main(): Promise<boolean> {
  // Short jobs keep the check fast; the poller's backoff still applies.
  const sandbox = await startSandbox({ jobDurationMs: 300 });
  const out = await mkdtemp(join(tmpdir(), 'exportkit-consumer-'));
  try {
    const { apiKeys, baseUrls, fixtures } = sandbox;
    const omni = createOmniClient({ apiKey: apiKeys.omni, baseUrl: baseUrls.omni });
    const closient = createClosientClient({ apiKey: apiKeys.closient, baseUrl: baseUrls.closient });
    const videodb = createVideoDBClient({ apiKey: apiKeys.videodb, baseUrl: baseUrls.videodb });
    const options: ExportOptions = { to: out, timeoutMs: 60_000 };

    // All three at once, as a real app would: they share the poller's rate budget.
    const [omniFile, closientFile, videodbFile] = await Promise.all([
      exportOmniDashboard(omni, { dashboardId: fixtures.omniDashboardId, body: { format: 'pdf' } }, options),
      exportClosientOrg(closient, { organizationId: fixtures.closientOrganizationId, archiveFormat: 'zip' }, options),
      exportVideoDBDownload(videodb, { streamLink: fixtures.videodbStreamLink, name: 'consumer-app.mp4' }, options),
    ]);
    console.log(`closient sections: ${closientFile.sections.map((s) => `${s.key}=${s.status}`).join(', ')}`);
    // The generated client used directly: its response types are the vendor's
    // spec, so a field the vendor removes fails this app's tsc right here
    // (pnpm check:release publishes such a major and asserts exactly that).
    const status = await closient.GET('/dashboard/api/v1/data-export/{organization_id}/{job_id}', {
      params: { path: { organization_id: fixtures.closientOrganizationId, job_id: closientFile.job.id } },
    });
    console.log(`closient archive format_version: ${status.data?.format_version ?? 'none'}`);

    const checks = await Promise.all([
      verify(sandbox, 'omni', omniFile),
      verify(sandbox, 'closient', closientFile),
      verify(sandbox, 'videodb', videodbFile),
    ]);
    for (const { line } of checks) console.log(line);
    return checks.every((check) => check.ok);
  } finally {
    await sandbox.close();
    await rm(out, { recursive: true, force: true });
  }
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
