// Exports one Omni dashboard as a PDF with the one-call API, using only the
// Omni packages. Where Omni is comes from the environment (the check script
// points it at the sandbox, which this app does not install):
//   OMNI_API_KEY, OMNI_BASE_URL, OMNI_DASHBOARD_ID, EXPORT_DIR
// Prints one JSON line: the job id, the file, its size and sha256.
import { isExportkitError } from '@exportkit/core';
import { createOmniClient } from '@exportkit/omni';
import { PollTimeoutError, type ExportResult } from '@exportkit/poller';
import { exportOmniDashboard } from '@exportkit/poller/omni';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`set ${name}`);
  return value;
}

async function main(): Promise<ExportResult> {
  const omni = createOmniClient({ apiKey: required('OMNI_API_KEY'), baseUrl: required('OMNI_BASE_URL') });
  return exportOmniDashboard(
    omni,
    { dashboardId: required('OMNI_DASHBOARD_ID'), body: { format: 'pdf' } },
    {
      to: required('EXPORT_DIR'),
      timeoutMs: 60_000,
      onJob: (job) => console.error(`omni job ${job.id} (resume token kept: ${JSON.stringify(job.toJSON()).length} bytes)`),
    },
  );
}

main().then(
  (result) => {
    console.log(JSON.stringify({ jobId: result.job.id, file: result.file, bytes: result.bytes, sha256: result.sha256 }));
  },
  (error: unknown) => {
    const kind = error instanceof PollTimeoutError ? 'timed out' : isExportkitError(error) ? error.code : 'failed';
    console.error(`export ${kind}:`, error);
    process.exitCode = 1;
  },
);
