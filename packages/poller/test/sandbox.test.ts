import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { FAULT_CATALOG, FAULT_NAMES, startSandbox, type FaultName, type FaultStage, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isExportkitError } from '@exportkit/core';
import { RateLimitGovernor } from '../src/index.js';
import type { RunExportOptions as ExportOptions } from '../src/index.js';
import { exportClosientOrg } from '../src/closient.js';
import { exportOmniDashboard } from '../src/omni.js';
import { exportVideoDBDownload } from '../src/videodb.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 60, fileSizes: { omni: 50_000, videodb: 300_000, closient: 200_000 } });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poller-sandbox-'));
  return () => rm(dir, { recursive: true, force: true });
});

const options = (extra: Partial<ExportOptions> = {}): ExportOptions => ({
  to: dir,
  minDelayMs: 5,
  maxDelayMs: 50,
  timeoutMs: 15_000,
  stallTimeoutMs: 300,
  requestTimeoutMs: 2_000,
  governor: new RateLimitGovernor({ limits: { omni: [] }, defaultPauseMs: 100 }),
  ...extra,
});

function run(vendor: Vendor, apiKey = sandbox.apiKeys[vendor], extra: Partial<ExportOptions> = {}) {
  const { fixtures, baseUrls } = sandbox;
  if (vendor === 'omni') {
    const client = createOmniClient({ apiKey, baseUrl: baseUrls.omni });
    return exportOmniDashboard(client, { dashboardId: fixtures.omniDashboardId, body: { format: 'pdf' } }, options(extra));
  }
  if (vendor === 'videodb') {
    const client = createVideoDBClient({ apiKey, baseUrl: baseUrls.videodb });
    return exportVideoDBDownload(client, { streamLink: fixtures.videodbStreamLink, name: 'clip.mp4' }, options(extra));
  }
  const client = createClosientClient({ apiKey, baseUrl: baseUrls.closient });
  return exportClosientOrg(client, { organizationId: fixtures.closientOrganizationId }, options(extra));
}

describe('against the sandbox', () => {
  it.each(['omni', 'videodb', 'closient'] as const)('%s: the happy path writes the artifact byte for byte, keys never reach storage', async (vendor) => {
    const result = await run(vendor);
    const artifact = await sandbox.artifact(vendor, result.job.id);
    expect(result.sha256).toBe(artifact.sha256);
    expect(result.bytes).toBe(artifact.size);
    expect(await readdir(dir)).toEqual([artifact.filename.split('/').pop()]);
    for (const request of sandbox.storageRequests) {
      expect(JSON.stringify(request)).not.toContain(sandbox.apiKeys[vendor]);
    }
  });

  const cases: [FaultName, Vendor, FaultStage][] = [];
  for (const fault of FAULT_NAMES) {
    for (const vendor of FAULT_CATALOG[fault].vendors) for (const stage of FAULT_CATALOG[fault].stages) cases.push([fault, vendor, stage]);
  }
  it.each(cases)('fault %s (%s, %s) ends in the right file or a typed error, with no partial file', async (fault, vendor, stage) => {
    const apiKey = sandbox.createApiKey(vendor);
    sandbox.addFault({ fault, vendor, stage, apiKey, times: 1, retryAfterSeconds: 0, stallMs: 5_000 });
    const outcome = await run(vendor, apiKey).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (outcome.ok) {
      const artifact = await sandbox.artifact(vendor, outcome.result.job.id);
      expect(outcome.result.sha256).toBe(artifact.sha256);
    } else {
      expect(isExportkitError(outcome.error), String(outcome.error)).toBe(true);
      const code = (outcome.error as { code: string }).code;
      // Starting twice would make two exports: VideoDB and Closient starts are not retried
      // unless refused with a 429, so a transient failure there ends in its typed error.
      const nonIdempotentStart = stage === 'start' && vendor !== 'omni' && fault !== 'job-fails';
      if (nonIdempotentStart) expect(['server_error', 'connection_error', 'http_error']).toContain(code);
      else if (fault === 'job-fails') expect(code).toBe('job_failed');
      // A body longer than the vendor announced is refused, not retried into a wrong file.
      else if (fault === 'overlong-body') expect((outcome.error as { reason?: string }).reason).toBe('size_mismatch');
      else throw outcome.error;
      expect(await readdir(dir)).toEqual([]);
    }
  });
});
