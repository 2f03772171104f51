// Drives the poller against the hostile vendor: attaches to its one job
// (resume, so no start call is needed) and downloads into a folder nested in
// a scenario root, so a write outside the destination is seen.
import { createHash } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createClosientClient } from '@exportkit/closient';
import { RateLimitGovernor, runExport, type ExportResult as DownloadResult, type RunExportOptions as ExportOptions } from '@exportkit/poller';
import { resumeClosientExport } from '@exportkit/poller/closient';
import { resumeVideoDBExport } from '@exportkit/poller/videodb';
import { createVideoDBClient } from '@exportkit/videodb';
import { freshFolder } from './destination-check.js';
import { FILE_BYTES, HOSTILE_JOB_ID, HOSTILE_ORG_ID, type HostileVendor } from './hostile-vendor.js';

/** The key scenarios use against the hostile vendor; it must never show up in an error. */
export const HOSTILE_API_KEY = 'csb_hostileSecretKeyForReliability_4242';
export const FILE_SHA256 = createHash('sha256').update(FILE_BYTES).digest('hex');

export function downloadFromHostile(hostile: HostileVendor, vendor: 'closient' | 'videodb', options: ExportOptions): Promise<DownloadResult> {
  const time: ExportOptions = {
    minDelayMs: 5,
    maxDelayMs: 50,
    timeoutMs: 5_000,
    stallTimeoutMs: 500,
    requestTimeoutMs: 3_000,
    governor: new RateLimitGovernor({ defaultPauseMs: 50 }),
    ...options,
  };
  const job =
    vendor === 'closient'
      ? resumeClosientExport(createClosientClient({ apiKey: HOSTILE_API_KEY, baseUrl: hostile.closientBase }), { organizationId: HOSTILE_ORG_ID, jobId: HOSTILE_JOB_ID }, time)
      : resumeVideoDBExport(createVideoDBClient({ apiKey: HOSTILE_API_KEY, baseUrl: hostile.videodbBase }), { jobId: HOSTILE_JOB_ID }, time);
  return runExport({ job }, time);
}

/** A scenario root holding the destination `dest/`; anything else appearing in the root was written outside it. */
export async function scenarioRoot(): Promise<{ root: string; dest: string; strayOutside(): Promise<string[]>; remove(): Promise<void> }> {
  const folder = await freshFolder('hostile');
  const dest = join(folder.path, 'dest');
  await mkdir(dest);
  return {
    root: folder.path,
    dest,
    strayOutside: async () => (await readdir(folder.path)).filter((name) => name !== 'dest'),
    remove: folder.remove,
  };
}
