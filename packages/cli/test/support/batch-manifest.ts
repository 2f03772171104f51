import { writeFile } from 'node:fs/promises';
import type { Sandbox } from '@exportkit/sandbox';
import type { Vendor } from './sandbox-commands.js';

/** Closient's shortuuid alphabet (no 0, 1, I, O, l). */
const SHORTUUID = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A valid, distinct 22-character organization id for each `i`. */
export function organizationId(i: number): string {
  const digits = [...String(i).padStart(4, '0')].map((d) => SHORTUUID[Number(d) + 10] as string).join('');
  return `Qrg${digits}`.padEnd(22, 'x');
}

const OMNI_FORMATS = ['pdf', 'csv', 'png', 'xlsx'] as const;

/** Line `i` of a mixed manifest: the vendors in turn, each line its own target and file. */
export function manifestLine(sandbox: Sandbox, i: number): Record<string, string> {
  const vendor = (['omni', 'videodb', 'closient'] as const)[i % 3] as Vendor;
  if (vendor === 'omni') return { vendor, dashboardId: `batch-dashboard-${i}`, format: OMNI_FORMATS[i % OMNI_FORMATS.length] as string };
  if (vendor === 'videodb') return { vendor, streamLink: sandbox.fixtures.videodbStreamLink, name: `clip-${i}.wav`, out: 'videos' };
  return { vendor, organizationId: organizationId(i), out: 'archives' };
}

/** Writes a JSON Lines manifest of `count` mixed lines at `path`; returns the path. */
export async function writeManifest(sandbox: Sandbox, path: string, count: number): Promise<string> {
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify(manifestLine(sandbox, i)));
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** The flags and environment that point `exportkit batch` at the sandbox. */
export function batchArgs(sandbox: Sandbox): { args: string[]; env: Record<string, string> } {
  return {
    args: Object.entries(sandbox.baseUrls).flatMap(([vendor, url]) => ['--base-url', `${vendor}=${url}`]),
    env: { OMNI_API_KEY: sandbox.apiKeys.omni, VIDEODB_API_KEY: sandbox.apiKeys.videodb, CLOSIENT_API_KEY: sandbox.apiKeys.closient },
  };
}

/** The `--json` lines of a batch run, parsed. */
export function resultLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
