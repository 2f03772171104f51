import { ConnectionError, urlForErrors } from '@exportkit/core';
import { directGet } from './direct-get.js';
import type { FileResponse } from './file-response.js';

/** Hops followed before giving up: fetch's own limit, as storage hosts may chain a few. */
export const MAX_SIGNED_URL_REDIRECTS = 20;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a signed URL (see `directGet`) and follows its redirects the way
 * fetch does (any origin: a signed URL carries no credential to leak, and
 * object stores hop between hosts).
 */
export async function getSignedUrl(url: URL, request: { signal?: AbortSignal | undefined; headers: Record<string, string> }): Promise<FileResponse> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const answer = await directGet(target, request.headers, request.signal);
    const location = answer.headers.get('location');
    if (!REDIRECTS.has(answer.status) || location === null) return answer;
    await answer.cancel();
    const next = new URL(location, target);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new ConnectionError(`The download host redirected to a ${next.protocol} URL: only http(s) is fetched`);
    }
    if (hop >= MAX_SIGNED_URL_REDIRECTS) throw new ConnectionError(`More than ${MAX_SIGNED_URL_REDIRECTS} redirects from ${urlForErrors(url)}`);
    target = next;
  }
}
