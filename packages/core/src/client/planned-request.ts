/**
 * A call as openapi-fetch assembles it (its URL and init), not yet a
 * `Request`. openapi-fetch builds every call with the `Request` class it is
 * given (a documented option) and hands the result to the client's fetch;
 * undici's `fetch(request)` then builds a second `Request` from the first.
 * Two Request constructions, their Headers copies and their AbortSignals
 * were most of what openapi-fetch cost over a plain `fetch(url, init)`
 * (BENCHMARKS.md, figure 3). When nothing but our own fetch will see the
 * call (no middleware, no fetch of the caller's, a body that is a string or
 * none) the client is given this class instead, and the call goes out as
 * one `fetch(url, init)`.
 *
 * It answers what `sameOriginFetch` and `guardFetch` ask of a request (url,
 * method, redirect, headers, body, signal), and its body, a string, can be
 * sent again after a redirect without a copy.
 */
export class PlannedRequest {
  readonly url: string;
  readonly method: string;
  /** The init for fetch: redirects are always ours to follow. */
  readonly init: RequestInit;

  constructor(url: string | URL, init: RequestInit = {}) {
    // Serialized as a Request would be: the origin check compares serialized URLs, and a bad URL throws here.
    this.url = new URL(url).href;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.init = init.redirect === 'manual' ? init : { ...init, redirect: 'manual' };
  }

  get redirect(): RequestRedirect {
    return 'manual';
  }

  get headers(): Headers {
    // openapi-fetch gives a Headers; anything else is read into one.
    const headers = this.init.headers;
    return headers instanceof Headers ? headers : new Headers(headers);
  }

  get body(): BodyInit | null {
    return this.init.body ?? null;
  }

  get signal(): AbortSignal | undefined {
    return this.init.signal ?? undefined;
  }

  /** Sends it with the global fetch: one Request, built by fetch itself. */
  send(): Promise<Response> {
    return fetch(this.url, this.init);
  }
}

/** What the client's fetch is handed: a Request, or a planned call. */
export type OutgoingRequest = Request | PlannedRequest;
