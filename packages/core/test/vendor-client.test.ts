import { caught, errorText, startRecordingServer, useRecordingServer } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createVendorClient,
  type OutgoingCall,
  unwrap,
  ValidationError,
  type VendorClientOptions,
  type VendorDefinition,
} from '../src/index.js';

interface TestPaths {
  '/things/{id}': {
    get: {
      parameters: { path: { id: string }; query?: { q?: string } };
      responses: { 200: { content: { 'application/json': { id: string } } } };
    };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { 'application/json': { name?: string; when?: string } } };
      responses: { 200: { content: { 'application/json': { id: string } } } };
    };
  };
}

const KEY = 'test-key-0123456789';
const calls: OutgoingCall[] = [];
const definition: VendorDefinition = {
  packageName: '@exportkit/test-vendor',
  version: '9.9.9',
  defaultBaseUrl: 'https://vendor.example.test',
  authHeaders: (apiKey) => ({ 'X-Test-Key': apiKey }),
  validate(call) {
    calls.push(call);
    if (call.path.id === 'bad') throw new ValidationError('id', 'must not be "bad"');
  },
};
const client = (options: Partial<VendorClientOptions> = {}) =>
  createVendorClient<TestPaths>(definition, { apiKey: KEY, ...options });

describe('createVendorClient option validation', () => {
  it.each([
    ['an empty apiKey', { apiKey: '' }, 'apiKey'],
    ['a blank apiKey', { apiKey: '   ' }, 'apiKey'],
    ['a missing apiKey', { apiKey: undefined as unknown as string }, 'apiKey'],
    ['an apiKey with a line break', { apiKey: 'abc\r\nX-Evil: 1' }, 'apiKey'],
    ['a relative baseUrl', { baseUrl: '/api' }, 'baseUrl'],
    ['a baseUrl that is no URL', { baseUrl: 'not a url' }, 'baseUrl'],
    ['an ftp baseUrl', { baseUrl: 'ftp://vendor.example.test' }, 'baseUrl'],
    ['a javascript: baseUrl', { baseUrl: 'javascript:alert(1)' }, 'baseUrl'],
    ['a file: baseUrl', { baseUrl: 'file:///etc/passwd' }, 'baseUrl'],
  ])('refuses %s', async (_label, options, field) => {
    const error = await caught(() => client(options));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).message).toContain(`Invalid ${field}`);
  });

  it('names the refused scheme', async () => {
    const error = (await caught(() => client({ baseUrl: 'ftp://x.test' }))) as ValidationError;
    expect(error.rule).toContain('ftp:');
  });

  it('accepts http and https base URLs', () => {
    expect(() => client({ baseUrl: 'http://127.0.0.1:1' })).not.toThrow();
    expect(() => client({ baseUrl: 'https://vendor.example.test/api/' })).not.toThrow();
  });
});

describe('createVendorClient against a real server', () => {
  const server = useRecordingServer();

  it('sends auth and User-Agent, strips a trailing slash from baseUrl, and keeps user headers', async () => {
    server.current.respond({ body: { id: 'a' } });
    const api = client({ baseUrl: `${server.current.url}/`, headers: { 'X-Extra': 'yes' }, userAgent: 'my-app/1.2' });
    const data = unwrap(await api.GET('/things/{id}', { params: { path: { id: 'a' }, query: { q: 'z' } } }));
    expect(data).toEqual({ id: 'a' });
    const request = server.current.last();
    expect(request.url).toBe('/things/a?q=z');
    expect(request.headers['x-test-key']).toBe(KEY);
    expect(request.headers['x-extra']).toBe('yes');
    expect(request.headers['user-agent']).toBe('my-app/1.2 @exportkit/test-vendor/9.9.9');
  });

  it('does not let user headers replace the auth header, in any letter case', async () => {
    const api = client({ baseUrl: server.current.url, headers: { 'x-test-key': 'evil', 'X-TEST-KEY': 'evil2' } });
    await api.GET('/things/{id}', { params: { path: { id: 'a' } } });
    expect(server.current.last().headers['x-test-key']).toBe(KEY);
  });

  it('gives the validator the spec path, params and JSON body, and sends nothing when it throws', async () => {
    calls.length = 0;
    const api = client({ baseUrl: server.current.url });
    const error = await caught(api.GET('/things/{id}', { params: { path: { id: 'bad' }, query: { q: '1' } } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('id');
    expect(server.current.requests).toHaveLength(0);
    expect(calls).toEqual([{ method: 'GET', schemaPath: '/things/{id}', path: { id: 'bad' }, query: { q: '1' }, body: undefined }]);
  });

  it('gives the validator the body as it is sent (JSON: no undefined fields, a Date as its string)', async () => {
    calls.length = 0;
    server.current.respond({ body: { id: 'a' } });
    const api = client({ baseUrl: server.current.url });
    const when = new Date('2026-12-02T10:00:00Z');
    const body = { name: undefined, when } as unknown as { name?: string; when?: string };
    unwrap(await api.POST('/things/{id}', { params: { path: { id: 'a' } }, body }), 'POST');
    expect(calls).toEqual([{ method: 'POST', schemaPath: '/things/{id}', path: { id: 'a' }, query: {}, body: { when: '2026-12-02T10:00:00.000Z' } }]);
    expect(server.current.last().json).toEqual({ when: '2026-12-02T10:00:00.000Z' });
  });

  it('validates calls made through client.request too', async () => {
    const api = client({ baseUrl: server.current.url });
    const error = await caught(api.request('get', '/things/{id}', { params: { path: { id: 'bad' } } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.current.requests).toHaveLength(0);
  });

  it("a user's own middleware sees the error answer already redacted", async () => {
    server.current.respond((request) => ({ status: 403, body: { detail: `no access for ${String(request.headers['x-test-key'])}` } }));
    const api = client({ baseUrl: server.current.url });
    const seen: string[] = [];
    api.use({
      async onResponse({ response }) {
        seen.push(await response.clone().text());
        return undefined;
      },
    });
    await api.GET('/things/{id}', { params: { path: { id: 'a' } } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('[REDACTED]');
    expect(seen[0]).not.toContain(KEY);
  });

  it('redacts the API key from an error body the server echoed it in', async () => {
    server.current.respond((request) => ({
      status: 401,
      body: { error_code: 'bad_key', detail: `Key ${String(request.headers['x-test-key'])} is not valid` },
    }));
    const api = client({ baseUrl: server.current.url });
    const error = await caught(async () => unwrap(await api.GET('/things/{id}', { params: { path: { id: 'a' } } }), 'GET'));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).vendorMessage).toBe('Key [REDACTED] is not valid');
    expect(errorText(error)).not.toContain(KEY);
  });

  it('names the request URL, without its query, in errors thrown by unwrap', async () => {
    server.current.respond({ status: 404, body: { error_code: 'not_found' } });
    const api = client({ baseUrl: server.current.url });
    const error = (await caught(async () =>
      unwrap(await api.GET('/things/{id}', { params: { path: { id: 'a' }, query: { q: 'secret-sig' } } }), 'GET'),
    )) as ApiError;
    expect(error.url).toBe(`${server.current.url}/things/a`);
    expect(error.message).toContain(`(GET ${server.current.url}/things/a)`);
    expect(error.message).not.toContain('secret-sig');
  });
});

describe('createVendorClient connection errors', () => {
  it('types a refused connection as a retryable ConnectionError', async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const api = client({ baseUrl: url });
    const error = await caught(api.GET('/things/{id}', { params: { path: { id: 'a' } } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).retryable).toBe(true);
    expect((error as ConnectionError).message).toContain(`GET ${url}/things/`);
    expect(errorText(error)).not.toContain(KEY);
  });
});
