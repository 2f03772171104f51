import { ApiError, AuthenticationError, NotFoundError, RateLimitError, ServerError, unwrap } from '@exportkit/core';
import { describeClientIdentity, errorFor, expectRefusedBeforeSending, useRecordingServer } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { createVideoDBClient, type VideoDBClient } from '../src/index.js';

const server = useRecordingServer();
const videodb = (): VideoDBClient => createVideoDBClient({ apiKey: 'sk-videodb-0123456789', baseUrl: server.current.url });
const asyncResponse = (status: 'processing' | 'done' | 'failed', id = 'job-123') => ({
  success: true,
  status,
  data: { id, output_url: `https://api.videodb.io/async-response/${id}` },
});
const record = { id: 'download-12345', name: 'video.mp4', status: 'done', created_at: '2026-01-01T00:00:00Z', download_url: 'https://s.example/v.mp4?sig=x' };

const statusOf = (id = 'download-12345') => videodb().GET('/download/{download_id}', { params: { path: { download_id: id } } });

describeClientIdentity(server, {
  packageJson: new URL('../package.json', import.meta.url),
  authHeader: 'x-access-token',
  authValue: (key) => key,
  create: (options) => createVideoDBClient(options),
  call: async (api) => unwrap(await api.GET('/download/{download_id}', { params: { path: { download_id: 'd1' } } })),
  errorBody: (message) => ({ success: false, message, error_code: 'UNAUTHORIZED' }),
});

describe('VideoDB create download (POST /download)', () => {
  it('sends { stream_link, name } and returns the AsyncResponse', async () => {
    server.current.respond({ body: asyncResponse('processing') });
    const body = { stream_link: 'https://stream.videodb.io/v3/published/x.m3u8', name: 'clip.mp4' };
    const data = unwrap(await videodb().POST('/download', { body }));
    expect(data).toEqual(asyncResponse('processing'));
    const request = server.current.last();
    expect(request.method).toBe('POST');
    expect(request.pathname).toBe('/download');
    expect(request.json).toEqual(body);
  });
});

describe('VideoDB download status (GET /download/{download_id})', () => {
  it('returns the AsyncResponse shape (processing|done|failed)', async () => {
    server.current.respond({ body: asyncResponse('failed') });
    const data = unwrap(await statusOf());
    expect('status' in data && data.status).toBe('failed');
    expect(server.current.last().url).toBe('/download/download-12345');
  });

  it('returns the record shape (processing|done|error) with its download_url', async () => {
    server.current.respond({ body: { success: true, data: { ...record, status: 'error' } } });
    const data = unwrap(await statusOf());
    expect(data.data).toEqual({ ...record, status: 'error' });
  });
});

describe('VideoDB retry (POST /download/{download_id})', () => {
  it('posts no body and returns a new AsyncResponse', async () => {
    server.current.respond({ body: asyncResponse('processing', 'job-456') });
    const data = unwrap(await videodb().POST('/download/{download_id}', { params: { path: { download_id: 'download-12345' } } }));
    expect(data.data?.id).toBe('job-456');
    const request = server.current.last();
    expect(request.method).toBe('POST');
    expect(request.pathname).toBe('/download/download-12345');
    expect(request.text).toBe('');
  });
});

describe('VideoDB list (GET /download)', () => {
  it('serializes page_index and count and returns the downloads', async () => {
    server.current.respond({ body: { success: true, data: { downloads: [record] } } });
    const data = unwrap(await videodb().GET('/download', { params: { query: { page_index: 2, count: 5000 } } }));
    expect(data.data?.downloads).toEqual([record]);
    const request = server.current.last();
    expect(request.pathname).toBe('/download');
    expect(request.query.get('page_index')).toBe('2');
    expect(request.query.get('count')).toBe('5000');
  });
});

describe('VideoDB delete (DELETE /download?download_id=)', () => {
  it('sends the id in the query and returns { success, message }', async () => {
    server.current.respond({ body: { success: true, message: 'Download deleted' } });
    const data = unwrap(await videodb().DELETE('/download', { params: { query: { download_id: 'download-12345' } } }));
    expect(data).toEqual({ success: true, message: 'Download deleted' });
    const request = server.current.last();
    expect(request.method).toBe('DELETE');
    expect(request.url).toBe('/download?download_id=download-12345');
  });
});

describe('VideoDB async response (GET /async-response/{response_id})', () => {
  it('returns { success, status, data }', async () => {
    server.current.respond({ body: { success: true, status: 'done', data: { download_url: 'https://s.example/v.mp4' } } });
    const data = unwrap(await videodb().GET('/async-response/{response_id}', { params: { path: { response_id: 'job-123' } } }));
    expect(data.status).toBe('done');
    expect(server.current.last().url).toBe('/async-response/job-123');
  });
});

describe('VideoDB errors ({ success, message, error_code })', () => {
  it.each([
    [400, ApiError, false],
    [401, AuthenticationError, false],
    [404, NotFoundError, false],
    [429, RateLimitError, true],
    [500, ServerError, true],
    [503, ServerError, true],
  ] as const)('types a %i as %o with error_code and message', async (code, Class, retryable) => {
    const body = { success: false, message: `failure ${code}`, error_code: `E${code}` };
    const error = (await errorFor(server.current, { status: code, body }, async () => unwrap(await statusOf()))) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(code);
    expect(error.vendorCode).toBe(`E${code}`);
    expect(error.vendorMessage).toBe(`failure ${code}`);
    expect(error.retryable).toBe(retryable);
    expect(error.body).toEqual(body);
  });

  it('reads a Retry-After header when VideoDB sends one', async () => {
    const error = (await errorFor(
      server.current,
      { status: 503, headers: { 'Retry-After': '3' }, body: { success: false, message: 'busy' } },
      async () => unwrap(await videodb().GET('/download', {})),
    )) as ApiError;
    expect(error.retryAfterMs).toBe(3_000);
  });
});

describe('VideoDB pre-request validation (nothing is sent)', () => {
  it.each([
    ['a status id with a slash', () => statusOf('a/b'), 'download_id'],
    ['a status id with whitespace', () => statusOf('a b'), 'download_id'],
    ['an empty status id', () => statusOf(''), 'download_id'],
    ['a dot-segment status id (would request GET /)', () => statusOf('..'), 'download_id'],
    ['a dot-segment retry id', () => videodb().POST('/download/{download_id}', { params: { path: { download_id: '.' } } }), 'download_id'],
    ['a retry id with a query', () => videodb().POST('/download/{download_id}', { params: { path: { download_id: 'x?y=1' } } }), 'download_id'],
    ['a delete id with a hash', () => videodb().DELETE('/download', { params: { query: { download_id: 'x#y' } } }), 'download_id'],
    ['an async response id with a slash', () => videodb().GET('/async-response/{response_id}', { params: { path: { response_id: '../x' } } }), 'response_id'],
    ['count over 5000', () => videodb().GET('/download', { params: { query: { count: 5001 } } }), 'count'],
    ['count 0', () => videodb().GET('/download', { params: { query: { count: 0 } } }), 'count'],
    ['a negative page_index', () => videodb().GET('/download', { params: { query: { page_index: -1 } } }), 'page_index'],
    ['a create without stream_link', () => videodb().POST('/download', { body: {} as never }), 'body.stream_link'],
    ['a non-http stream_link', () => videodb().POST('/download', { body: { stream_link: 'file:///etc/passwd' } }), 'body.stream_link'],
    ['an unknown create field', () => videodb().POST('/download', { body: { stream_link: 'https://x.test/a', extra: 1 } as never }), 'body.extra'],
  ] as const)('refuses %s', async (_label, action, field) => {
    await expectRefusedBeforeSending(server.current, action, field);
  });
});
