import { RedirectError } from '../errors/redirect-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { urlForErrors } from '../http/url-for-errors.js';
import { PlannedRequest, type OutgoingRequest } from './planned-request.js';

/** Same-origin hops followed before giving up (fetch's own limit is 20; an API needs one or two). */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);


/**
 * The Requests a response came through, kept for as long as its body may
 * still arrive. undici's `new Request(request, init)` follows the original's
 * abort signal through a WeakRef only: once nothing holds the copy, a GC
 * breaks the link, and the caller's abort no longer reaches the fetch in
 * flight (test/abort-after-gc.test.ts). While fetch feeds a body it holds
 * the stream, and so, through this map, every Request it was sent through.
 */
const inFlight = new WeakMap<ReadableStream<Uint8Array>, Request[]>();

/**
 * A fetch that follows redirects itself and only within `origin`. Node's
 * fetch drops `Authorization` on a cross-origin redirect but forwards every
 * other header, so VideoDB's `x-access-token` and Closient's `X-API-Key`
 * would reach whatever host a 3xx names. A vendor API has no reason to send
 * a client off its origin, so such a redirect is refused rather than followed
 * without credentials: following would re-send a POST's body to a stranger
 * and could only end in a 401 anyway. 307/308 keep the method and body;
 * 301/302/303 turn into a GET without a body, as fetch itself does.
 *
 * A first Request off `origin` (a per-call `baseUrl`, a middleware's
 * rewrite) is refused the same way, before anything is sent.
 *
 * The client builds its Requests with `redirect: 'manual'`, and those are
 * sent as they are, as is a PlannedRequest (always 'manual'). Any other
 * Request (a per-call `redirect` option, one that a middleware made) is
 * copied with `redirect: 'manual'` first, so that fetch never follows a
 * redirect on its own.
 */
export function sameOriginFetch(
  origin: string,
  send: (request: OutgoingRequest) => Promise<Response>,
): (request: OutgoingRequest) => Promise<Response> {
  // A serialized http(s) URL is its origin, then its path: a prefix test
  // tells whether a Request goes to the API without parsing its URL again.
  const onOrigin = `${origin}/`;
  return async (first) => {
    // A per-call baseUrl, or a middleware's new Request, must not take the key elsewhere either.
    if (!first.url.startsWith(onOrigin)) {
      throw new ValidationError('url', `${urlForErrors(new URL(first.url))} is not on ${origin}, and the API key may only go there`);
    }
    const copy = first instanceof PlannedRequest || first.redirect === 'manual' ? undefined : new Request(first, { redirect: 'manual' });
    let request: OutgoingRequest = copy ?? first;
    // Every Request the one on the wire takes its abort signal from, the
    // caller's first (a planned call has none of ours: fetch builds its own).
    const chain: Request[] = first instanceof PlannedRequest ? [] : copy ? [first, copy] : [first];
    for (let hop = 0; ; hop++) {
      // A body can be read once: keep a copy only when a 307/308 may need to
      // send it again (a planned call's body is a string, sent again as it is).
      const replay = request instanceof PlannedRequest || !request.body ? request : request.clone();
      const response = await send(request);
      const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
      if (location === null) {
        if (response.body && chain.length > 0) inFlight.set(response.body, chain);
        return response;
      }
      await response.body?.cancel();
      const target = new URL(location, request.url);
      if (target.origin !== origin) {
        throw new RedirectError(response.status, urlForErrors(target), `it leaves ${origin}, and the API key may only go there`);
      }
      if (hop >= MAX_REDIRECTS) throw new RedirectError(response.status, urlForErrors(target), `more than ${MAX_REDIRECTS} redirects`);
      const keepsMethod = response.status === 307 || response.status === 308 || replay.method === 'GET' || replay.method === 'HEAD';
      // Each hop follows the first Request's signal, not the clone's: a clone's
      // own AbortController is held by nothing at all (undici keeps only a
      // WeakRef to it), so a GC would cut the caller's abort off there.
      request = keepsMethod
        ? new Request(target, { method: replay.method, headers: replay.headers, body: replay.body, duplex: 'half', redirect: 'manual', signal: first.signal } as StreamingInit)
        : new Request(target, { method: 'GET', headers: withoutBodyHeaders(replay.headers), redirect: 'manual', signal: first.signal });
      chain.push(request);
    }
  };
}

/** A body given as a stream must say so (undici); the DOM's RequestInit type does not know the field yet. */
type StreamingInit = RequestInit & { duplex: 'half' };

/** A redirect that turns a POST into a GET drops the body, and so the headers that describe it. */
function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) copy.delete(name);
  return copy;
}
