// A call nothing but our own fetch will see goes out as one fetch(url, init),
// with no Request built by the client (PlannedRequest); a call any other code
// will see (middleware, the caller's fetch) is built as a real Request, as
// openapi-fetch promises. Against a real server on 127.0.0.1; Requests are
// counted by a subclass put in as the global `Request` while a client is made
// (openapi-fetch builds its calls with the global it found then).
import { useRecordingServer } from '@exportkit/testkit';
import type { Middleware } from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVendorClient, unwrap, type VendorClientOptions, type VendorDefinition } from '../src/index.js';

interface TestPaths {
  '/things/{id}': {
    get: { parameters: { path: { id: string } }; responses: { 200: { content: { 'application/json': { id: string } } } } };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { content: { 'application/json': { id: string } } } };
    };
  };
}

const KEY = 'planned-key-0123456789';
const definition: VendorDefinition = {
  packageName: '@exportkit/test-vendor',
  version: '1.0.0',
  defaultBaseUrl: 'https://vendor.example.test',
  authHeaders: (apiKey) => ({ 'X-Test-Key': apiKey }),
};

const NativeRequest = globalThis.Request;
let built = 0;
class CountedRequest extends NativeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    built++;
  }
}
beforeEach(() => {
  built = 0;
  globalThis.Request = CountedRequest;
});
afterEach(() => {
  globalThis.Request = NativeRequest;
});

const server = useRecordingServer();
const client = (options: Partial<VendorClientOptions> = {}) =>
  createVendorClient<TestPaths>(definition, { apiKey: KEY, baseUrl: server.current.url, ...options });
const get = (api: ReturnType<typeof client>, init: object = {}) => api.GET('/things/{id}', { params: { path: { id: 'a' } }, ...init });

/** A middleware that records what it was handed and marks the request. */
function marking(seen: unknown[]): Middleware {
  return {
    onRequest({ request }) {
      seen.push(request);
      request.headers.set('X-Marked', 'yes');
      return request;
    },
  };
}

describe('planned calls', () => {
  it('sends a call with no middleware as one fetch: no Request of the client, and the server gets it all', async () => {
    server.current.respond({ body: { id: 'a' } });
    const api = client();
    expect(unwrap(await get(api))).toEqual({ id: 'a' });
    expect(built).toBe(0);
    const request = server.current.last();
    expect(request.url).toBe('/things/a');
    expect(request.headers['x-test-key']).toBe(KEY);
  });

  it('sends a JSON body planned, and again after a same-origin 307', async () => {
    let first = true;
    server.current.respond((request) => {
      if (first && request.url === '/things/a') {
        first = false;
        return { status: 307, headers: { Location: '/things/b' } };
      }
      return { body: { id: 'b' } };
    });
    const api = client();
    expect(unwrap(await api.POST('/things/{id}', { params: { path: { id: 'a' } }, body: { name: 'n' } }))).toEqual({ id: 'b' });
    const [sent, resent] = server.current.requests;
    expect(sent?.json).toEqual({ name: 'n' });
    expect(resent?.url).toBe('/things/b');
    expect(resent?.json).toEqual({ name: 'n' });
    expect(resent?.headers['x-test-key']).toBe(KEY);
  });

  it('checks the origin on the serialized URL: a base URL written in capitals still reaches its API', async () => {
    server.current.respond({ body: { id: 'a' } });
    const api = client({ baseUrl: server.current.url.replace('http://', 'HTTP://') });
    expect(unwrap(await get(api))).toEqual({ id: 'a' });
  });
});

describe('calls other code sees are real Requests', () => {
  it("hands a registered middleware a Request, until it is ejected", async () => {
    const seen: unknown[] = [];
    const api = client();
    const middleware = marking(seen);
    api.use(middleware);
    await get(api);
    expect(seen[0]).toBeInstanceOf(NativeRequest);
    expect(server.current.last().headers['x-marked']).toBe('yes');
    api.eject(middleware);
    built = 0;
    await get(api);
    expect(seen).toHaveLength(1);
    expect(built).toBe(0);
  });

  it('keeps counting a middleware registered twice and ejected once', async () => {
    const seen: unknown[] = [];
    const api = client();
    const middleware = marking(seen);
    api.use(middleware, middleware);
    api.eject(middleware);
    await get(api);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(NativeRequest);
  });

  it('counts the middleware registered before a malformed one in the same use()', async () => {
    const seen: unknown[] = [];
    const api = client();
    expect(() => api.use(marking(seen), {} as Middleware)).toThrow(/Middleware must be an object/);
    await get(api);
    expect(seen[0]).toBeInstanceOf(NativeRequest);
  });

  it("hands a per-call middleware a Request", async () => {
    const seen: unknown[] = [];
    await get(client(), { middleware: [marking(seen)] });
    expect(seen[0]).toBeInstanceOf(NativeRequest);
    expect(server.current.last().headers['x-marked']).toBe('yes');
  });

  it("hands the caller's fetch, for the client or for one call, a Request", async () => {
    const seen: unknown[] = [];
    const recording = (request: Request) => {
      seen.push(request);
      return fetch(request);
    };
    await get(client({ fetch: recording }));
    await get(client(), { fetch: recording });
    expect(seen).toHaveLength(2);
    for (const request of seen) expect(request).toBeInstanceOf(NativeRequest);
  });
});
