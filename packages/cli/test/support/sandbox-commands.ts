import { readdir } from 'node:fs/promises';
import type { Sandbox } from '@exportkit/sandbox';

export type Vendor = 'omni' | 'videodb' | 'closient';

const KEY_ENV: Record<Vendor, string> = { omni: 'OMNI_API_KEY', videodb: 'VIDEODB_API_KEY', closient: 'CLOSIENT_API_KEY' };

/** The arguments that export the sandbox's fixture of `vendor` into `out`. */
export function exportArgs(sandbox: Sandbox, vendor: Vendor, out: string): string[] {
  const target = {
    omni: [sandbox.fixtures.omniDashboardId],
    videodb: [sandbox.fixtures.videodbStreamLink],
    closient: [sandbox.fixtures.closientOrganizationId],
  }[vendor];
  return [vendor, ...target, '--base-url', sandbox.baseUrls[vendor], '--out', out];
}

/** The environment that hands the CLI the sandbox's key for `vendor`, the way users usually do. */
export function keyEnv(sandbox: Sandbox, vendor: Vendor): Record<string, string> {
  return { [KEY_ENV[vendor]]: sandbox.apiKeys[vendor] };
}

/** The files a user would see in `dir` (the poller's hidden partial files start with a dot). */
export async function visibleFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
}
