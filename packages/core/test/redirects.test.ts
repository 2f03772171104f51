// A vendor API (or a proxy, a load balancer, a poisoned DNS entry) that
// answers with a redirect must never carry the API key to another origin.
// Two real servers on 127.0.0.1 with different ports are two origins.
import { caught, startRecordingServer, type RecordingServer } from '@exportkit/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVendorClient, RedirectError, unwrap, ValidationError, type VendorDefinition } from '../src/index.js';

interface TestPaths {
  '/things/{id}': {
    get: { parameters: { path: { id: string } }; responses: { 200: { content: { 'application/json': { where: string } } } } };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { content: { 'application/json': { where: string } } } };
    };
  };
}

const KEY = 'sk-redirect-test-key-0123456789';
const definition: VendorDefinition = {
  packageName: '@exportkit/test-vendor',
  version: '1.0.0',
  defaultBaseUrl: 'https://vendor.example.test',
  authHeaders: (apiKey) => ({ 'X-API-Key': apiKey }),
};

let api: RecordingServer;
let elsewhere: RecordingServer;
beforeAll(async () => {
  api = await startRecordingServer();
  elsewhere = await startRecordingServer({ body: { where: 'elsewhere' } });
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});
beforeEach(() => {
  api.reset();
  elsewhere.reset();
  elsewhere.respond({ body: { where: 'elsewhere' } });
});

const client = () => createVendorClient<TestPaths>(definition, { apiKey: KEY, baseUrl: api.url });
const get = () => client().GET('/things/{id}', { params: { path: { id: 'a' } } });
const post = () => client().POST('/things/{id}', { params: { path: { id: 'a' } }, body: { name: 'n' } });
/** The API answers `status` towards `location` for the first path, then `{ where: 'api' }`. */
function redirectOnce(status: number, location: string): void {
  api.respond((request) => (request.pathname === '/things/a' ? { status, headers: { Location: location } } : { body: { where: 'api' } }));
}
const keyArrivedElsewhere = () => elsewhere.requests.some((request) => JSON.stringify(request.headers).includes(KEY));

describe('a redirect to another origin is refused: the key never leaves', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const [method, call] of [['GET', get], ['POST', post]] as const) {
      it(`${status} on a ${method}`, async () => {
        redirectOnce(status, `${elsewhere.url}/steal?sig=secret-query`);
        const error = await caught(call());
        expect(error).toBeInstanceOf(RedirectError);
        expect((error as RedirectError).status).toBe(status);
        // Named without its query: a signed URL's query is a secret too.
        expect((error as RedirectError).target).toBe(`${elsewhere.url}/steal`);
        expect(String(error)).not.toContain('secret-query');
        expect(String(error)).not.toContain(KEY);
        expect(elsewhere.requests).toHaveLength(0);
      });
    }
  }

  it('a chain that stays, then leaves, then would come back stops at the hop that leaves', async () => {
    api.respond((request) => {
      if (request.pathname === '/things/a') return { status: 307, headers: { Location: '/hop1' } };
      if (request.pathname === '/hop1') return { status: 302, headers: { Location: `${elsewhere.url}/hop2` } };
      return { body: { where: 'api' } };
    });
    elsewhere.respond({ status: 307, headers: { Location: `${api.url}/back` } });
    const error = await caught(get());
    expect(error).toBeInstanceOf(RedirectError);
    expect(api.requests.map((r) => r.pathname)).toEqual(['/things/a', '/hop1']);
    expect(api.requests[1]?.headers['x-api-key']).toBe(KEY);
    expect(keyArrivedElsewhere()).toBe(false);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('another host name for the same address is another origin (localhost vs 127.0.0.1)', async () => {
    redirectOnce(308, api.url.replace('127.0.0.1', 'localhost') + '/things/b');
    expect(await caught(get())).toBeInstanceOf(RedirectError);
    expect(api.requests).toHaveLength(1);
  });
});

describe("a Request that would follow redirects itself is copied with redirect 'manual'", () => {
  it("a per-call redirect: 'follow' still cannot carry the key off the origin", async () => {
    redirectOnce(302, `${elsewhere.url}/steal`);
    const error = await caught(client().GET('/things/{id}', { params: { path: { id: 'a' } }, redirect: 'follow' }));
    expect(error).toBeInstanceOf(RedirectError);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a caller-supplied fetch is only ever handed redirect: manual', async () => {
    redirectOnce(307, '/things/moved');
    const seen: RequestRedirect[] = [];
    const send = (request: Request) => {
      seen.push(request.redirect);
      return fetch(request);
    };
    const typed = createVendorClient<TestPaths>(definition, { apiKey: KEY, baseUrl: api.url, fetch: send });
    unwrap(await typed.GET('/things/{id}', { params: { path: { id: 'a' } } }), 'GET');
    unwrap(await typed.GET('/things/{id}', { params: { path: { id: 'a' } }, redirect: 'follow' }), 'GET');
    expect(seen).toEqual(['manual', 'manual', 'manual', 'manual']);
  });
});

describe('a redirect within the API origin is followed with the key', () => {
  it('307 and 308 keep the method and the body', async () => {
    for (const status of [307, 308]) {
      api.reset();
      redirectOnce(status, '/things/moved');
      const data = unwrap(await post(), 'POST');
      expect(data).toEqual({ where: 'api' });
      const [first, second] = api.requests;
      expect(second?.method).toBe('POST');
      expect(second?.json).toEqual({ name: 'n' });
      expect(second?.json).toEqual(first?.json);
      expect(second?.headers['x-api-key']).toBe(KEY);
    }
  });

  it('301, 302 and 303 turn a POST into a GET without its body', async () => {
    for (const status of [301, 302, 303]) {
      api.reset();
      redirectOnce(status, `${api.url}/things/moved`);
      unwrap(await post(), 'POST');
      const second = api.requests[1];
      expect(second?.method).toBe('GET');
      expect(second?.body).toHaveLength(0);
      expect(second?.headers['content-type']).toBeUndefined();
      expect(second?.headers['x-api-key']).toBe(KEY);
    }
  });

  it('a loop ends after a bounded number of hops with a typed error', async () => {
    api.respond((request) => ({ status: 302, headers: { Location: request.pathname === '/x' ? '/y' : '/x' } }));
    const error = await caught(get());
    expect(error).toBeInstanceOf(RedirectError);
    expect(api.requests.length).toBeLessThanOrEqual(6);
  });
});

describe('no call can send the key to another origin in the first place', () => {
  it('a per-call baseUrl off the origin is refused before anything is sent', async () => {
    const error = await caught(client().GET('/things/{id}', { params: { path: { id: 'a' } }, baseUrl: `${elsewhere.url}/api?sig=secret-query` }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('url');
    expect(String(error)).toContain(`${elsewhere.url}/api is not on ${api.url}`);
    expect(String(error)).not.toContain('secret-query');
    expect(String(error)).not.toContain(KEY);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a middleware's Request rewritten to another origin is refused", async () => {
    const typed = client();
    typed.use({ onRequest: ({ request }) => new Request(request.url.replace(api.url, elsewhere.url), request) });
    expect(await caught(typed.GET('/things/{id}', { params: { path: { id: 'a' } } }))).toBeInstanceOf(ValidationError);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a per-call fetch is guarded like the client\'s own: only redirect manual, no hop off the origin', async () => {
    redirectOnce(302, `${elsewhere.url}/steal`);
    const seen: RequestRedirect[] = [];
    // A fetch that would follow any redirect it is allowed to.
    const send = (request: Request) => {
      seen.push(request.redirect);
      return fetch(request);
    };
    const error = await caught(client().GET('/things/{id}', { params: { path: { id: 'a' } }, fetch: send }));
    expect(error).toBeInstanceOf(RedirectError);
    expect(seen).toEqual(['manual']);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

