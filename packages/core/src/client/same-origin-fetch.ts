import { RedirectError } from '../errors/redirect-error.js';

/** Same-origin hops followed before giving up (fetch's own limit is 20; an API needs one or two). */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A URL as it may appear in an error: no credentials, no query, no fragment. */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * A fetch that follows redirects itself and only within `origin`. Node's
 * fetch drops `Authorization` on a cross-origin redirect but forwards every
 * other header, so VideoDB's `x-access-token` and Closient's `X-API-Key`
 * would reach whatever host a 3xx names. A vendor API has no reason to send
 * a client off its origin, so such a redirect is refused rather than followed
 * without credentials: following would re-send a POST's body to a stranger
 * and could only end in a 401 anyway. 307/308 keep the method and body;
 * 301/302/303 turn into a GET without a body, as fetch itself does.
 */
export function sameOriginFetch(origin: string, send: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (first) => {
    let request = first;
    for (let hop = 0; ; hop++) {
      // A body can be read once: keep a copy only when a 307/308 may need to send it again.
      const replay = request.body ? request.clone() : request;
      const response = await send(new Request(request, { redirect: 'manual' }));
      if (!REDIRECTS.has(response.status)) return response;
      const location = response.headers.get('location');
      if (location === null) return response;
      await response.body?.cancel();
      const target = new URL(location, request.url);
      if (target.origin !== origin) {
        throw new RedirectError(response.status, describe(target), `it leaves ${origin}, and the API key may only go there`);
      }
      if (hop >= MAX_REDIRECTS) throw new RedirectError(response.status, describe(target), `more than ${MAX_REDIRECTS} redirects`);
      const keepsMethod = response.status === 307 || response.status === 308 || replay.method === 'GET' || replay.method === 'HEAD';
      request = keepsMethod
        ? new Request(target, replay)
        : new Request(target, { method: 'GET', headers: withoutBodyHeaders(replay.headers), signal: replay.signal });
    }
  };
}

/** A redirect that turns a POST into a GET drops the body, and so the headers that describe it. */
function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) copy.delete(name);
  return copy;
}
