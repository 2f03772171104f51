/** What a vendor told us about its rate limit in one response's headers. */
export interface RateLimitInfo {
  /** Quota of the most restrictive active window. */
  limit?: number;
  /** Requests left in that window. */
  remaining?: number;
  /** Milliseconds until that window resets. */
  resetMs?: number;
  /** Every active window from `RateLimit-Policy` (e.g. `300;w=60, 10000;w=86400`). */
  policies?: { limit: number; windowSeconds: number }[];
}

function nonNegativeInteger(value: string | null): number | undefined {
  if (value == null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Parses `300;w=60, 10000;w=86400` (IETF draft RateLimit-Policy). */
export function parseRateLimitPolicy(value: string | null): RateLimitInfo['policies'] {
  if (value == null) return undefined;
  const policies: { limit: number; windowSeconds: number }[] = [];
  for (const item of value.split(',')) {
    const [quota, ...params] = item.split(';').map((part) => part.trim());
    const limit = nonNegativeInteger(quota ?? null);
    const window = params.find((p) => /^w\s*=/.test(p))?.split('=')[1];
    const windowSeconds = nonNegativeInteger(window ?? null);
    if (limit !== undefined && windowSeconds !== undefined && windowSeconds > 0) policies.push({ limit, windowSeconds });
  }
  return policies.length > 0 ? policies : undefined;
}

/**
 * Reads the standard `RateLimit-*` headers, falling back to the legacy
 * `X-RateLimit-*` ones. `RateLimit-Reset` is relative seconds; the legacy
 * `X-RateLimit-Reset` is an absolute Unix time (as Closient sends it), so it
 * is turned into a relative wait against `nowMs`. Returns `undefined` when
 * the response says nothing about rate limits (as Omni's never do).
 */
export function parseRateLimitHeaders(headers: Headers, nowMs: number = Date.now()): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const limit = nonNegativeInteger(headers.get('ratelimit-limit')) ?? nonNegativeInteger(headers.get('x-ratelimit-limit'));
  const remaining =
    nonNegativeInteger(headers.get('ratelimit-remaining')) ?? nonNegativeInteger(headers.get('x-ratelimit-remaining'));
  const relativeReset = nonNegativeInteger(headers.get('ratelimit-reset'));
  const absoluteReset = nonNegativeInteger(headers.get('x-ratelimit-reset'));
  const policies = parseRateLimitPolicy(headers.get('ratelimit-policy'));

  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (relativeReset !== undefined) info.resetMs = relativeReset * 1000;
  else if (absoluteReset !== undefined) info.resetMs = Math.max(0, absoluteReset * 1000 - nowMs);
  if (policies) info.policies = policies;
  return Object.keys(info).length > 0 ? info : undefined;
}
