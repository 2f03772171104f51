import type { Reply } from '../server/reply.js';
import type { VendorApi } from '../vendors/vendor-api.js';
import type { FiredFault } from './fault-rule.js';

const REASONS: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** The HTML page a proxy or crashed app serves: what clients meet when they expect JSON. */
export function htmlErrorPage(status: number): Reply {
  const reason = REASONS[status] ?? 'Error';
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    text: `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head><body><h1>${status} ${reason}</h1><hr><p>sandbox</p></body></html>\n`,
  };
}

/** A 429 in the vendor's error shape, with Retry-After as the fault says. */
function rateLimitedReply(fired: FiredFault, api: VendorApi | undefined, now: number): Reply {
  const base = api ? api.errorReply(429, 'Rate limit exceeded (sandbox fault).') : { status: 429, text: 'Too Many Requests' };
  const headers = { ...base.headers };
  if (fired.fault === 'rate-limit-retry-after-seconds') headers['Retry-After'] = fired.retryAfterSeconds;
  if (fired.fault === 'rate-limit-retry-after-date') {
    headers['Retry-After'] = new Date(now + fired.retryAfterSeconds * 1000).toUTCString();
  }
  return { ...base, headers };
}

/** The reply that replaces the vendor's answer, for faults that replace it (429s, 5xx). */
export function replacementReply(fired: FiredFault, api: VendorApi | undefined, now: number): Reply | undefined {
  switch (fired.fault) {
    case 'rate-limit-retry-after-seconds':
    case 'rate-limit-retry-after-date':
    case 'rate-limit-no-retry-after':
      return rateLimitedReply(fired, api, now);
    case 'server-error-500':
      return htmlErrorPage(500);
    case 'server-error-502':
      return htmlErrorPage(502);
    case 'server-error-503':
      return htmlErrorPage(503);
    default:
      return undefined;
  }
}

/** A body that announces JSON and is not (the `invalid-json` fault). */
export function invalidJsonReply(reply: Reply): Reply {
  const text = `${JSON.stringify(reply.json ?? {}).slice(0, -1)},"truncated": tru`;
  return { status: 200, headers: { ...reply.headers, 'Content-Type': 'application/json' }, text };
}
