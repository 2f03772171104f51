import { UsageError } from '../exit/usage-error.js';
import type { RateLimitPolicy } from '../jobs/poller-api.js';
import type { VendorName } from '../options/vendor-name.js';
import type { VendorServers } from './batch-jobs.js';

const VENDORS: readonly VendorName[] = ['omni', 'videodb', 'closient'];

function vendorPair(flag: string, text: string): [VendorName, string] {
  const at = text.indexOf('=');
  const vendor = text.slice(0, at) as VendorName;
  if (at < 1 || !VENDORS.includes(vendor)) throw new UsageError(flag, `takes <vendor>=<value> with vendor one of ${VENDORS.join(', ')}, got "${text}"`);
  return [vendor, text.slice(at + 1)];
}

/** Commander's collector for repeatable flags. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--base-url omni=http://…/api` (repeatable) and `--instance`: where each vendor's API is. */
export function parseServers(baseUrls: readonly string[], instance: string | undefined): VendorServers {
  const servers: VendorServers = { baseUrls: {}, omniInstance: instance };
  for (const text of baseUrls) {
    const [vendor, url] = vendorPair('--base-url', text);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError('--base-url', `${vendor}: must be an absolute http(s) URL such as http://127.0.0.1:4010/api, got "${url}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError('--base-url', `${vendor}: must be http(s), got ${parsed.protocol}`);
    servers.baseUrls[vendor] = url;
  }
  return servers;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `--rate-limit omni=500/1m` (repeatable): a key's quota when it is not the
 * documented one (Omni raised for your account). Each flag replaces all of
 * that vendor's documented windows.
 */
export function parseRateLimits(texts: readonly string[]): Record<string, RateLimitPolicy[]> {
  const limits: Record<string, RateLimitPolicy[]> = {};
  for (const text of texts) {
    const [vendor, rule] = vendorPair('--rate-limit', text);
    const match = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(rule);
    const limit = Number(match?.[1]);
    const windowMs = Number(match?.[2]) * (UNIT_MS[match?.[3] ?? ''] ?? Number.NaN);
    if (!match || !(limit > 0) || !(windowMs > 0)) throw new UsageError('--rate-limit', `${vendor}: write requests/window such as 500/1m or 10/1s, got "${rule}"`);
    (limits[vendor] ??= []).push({ limit, windowMs });
  }
  return limits;
}

/** A whole number of at least 1 (`--concurrency`). */
export function parseCount(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new UsageError(flag, `must be a whole number from 1 to 10000, got "${text}"`);
  return value;
}
