import {
  ApiError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  unwrap,
  ValidationError,
} from '@exportkit/core';
import {
  caught,
  describeClientIdentity,
  errorFor,
  expectRefusedBeforeSending,
  useRecordingServer,
} from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { createOmniClient, type OmniClient } from '../src/index.js';

const KEY = 'omni-key-0123456789';
const DASHBOARD = 'dash-123';
const JOB = '550e8400-e29b-41d4-a716-446655440000';
const server = useRecordingServer();
const omni = (): OmniClient => createOmniClient({ apiKey: KEY, baseUrl: `${server.current.url}/api` });


const start = (body: Record<string, unknown>, userId?: string) =>
  omni().POST('/v1/dashboards/{dashboardId}/download', {
    params: { path: { dashboardId: DASHBOARD }, query: userId ? { userId } : {} },
    body: body as never,
  });
const status = (jobId = JOB, userId?: string) =>
  omni().GET('/v1/dashboards/{dashboardId}/download/{jobId}/status', {
    params: { path: { dashboardId: DASHBOARD, jobId }, query: userId ? { userId } : {} },
  });
const file = (jobId = JOB) =>
  omni().GET('/v1/dashboards/{dashboardId}/download/{jobId}', {
    params: { path: { dashboardId: DASHBOARD, jobId }, query: { userId: 'u-7' } },
    parseAs: 'stream',
  });

describeClientIdentity(server, {
  packageJson: new URL('../package.json', import.meta.url),
  authHeader: 'Authorization',
  authValue: (key) => `Bearer ${key}`,
  create: (options) => createOmniClient(options),
  call: async (api) => unwrap(await api.GET('/v1/dashboards/{dashboardId}/download/{jobId}/status', {
    params: { path: { dashboardId: DASHBOARD, jobId: JOB } },
  })),
  errorBody: (message) => ({ error: 'Unauthorized', message }),
});

describe('createOmniClient options', () => {
  it('needs an instance or a baseUrl, and refuses an instance that is not a hostname label', async () => {
    const missing = (await caught(() => createOmniClient({ apiKey: KEY }))) as ValidationError;
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.field).toBe('instance');
    const bad = (await caught(() => createOmniClient({ apiKey: KEY, instance: 'evil.com/x' }))) as ValidationError;
    expect(bad.field).toBe('instance');
    expect(() => createOmniClient({ apiKey: KEY, instance: 'blobsrus' })).not.toThrow();
  });
});

describe('Omni initiate download (POST /v1/dashboards/{dashboardId}/download)', () => {
  it('sends path, userId query and the JSON body, and returns the job id', async () => {
    server.current.respond({ body: { job_id: JOB, message: 'Download initiated successfully' } });
    const body = { format: 'pdf', paperFormat: 'letter', paperOrientation: 'landscape', filterConfig: { region: ['EU'] } };
    const data = unwrap(await start(body, 'u-7'));
    expect(data).toEqual({ job_id: JOB, message: 'Download initiated successfully' });
    const request = server.current.last();
    expect(request.method).toBe('POST');
    expect(request.pathname).toBe(`/api/v1/dashboards/${DASHBOARD}/download`);
    expect(request.query.get('userId')).toBe('u-7');
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.json).toEqual(body);
  });

  it('escapes a dashboard id into one path segment', async () => {
    await omni().POST('/v1/dashboards/{dashboardId}/download', {
      params: { path: { dashboardId: 'a b/c' } },
      body: { format: 'csv' },
    });
    expect(server.current.last().url).toBe('/api/v1/dashboards/a%20b%2Fc/download');
  });

  it('types a 409 as a ConflictError carrying existing_job_id', async () => {
    const conflict = {
      detail: 'A download is already in progress for this dashboard.',
      existing_job_id: JOB,
      status: 'EXECUTING',
    };
    const error = (await errorFor(server.current, { status: 409, body: conflict }, async () =>
      unwrap(await start({ format: 'pdf' })),
    )) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.body).toEqual(conflict);
    expect((error.body as { existing_job_id: string }).existing_job_id).toBe(JOB);
    expect(error.vendorMessage).toBe(conflict.detail);
    expect(error.retryable).toBe(false);
  });

  it.each([
    [400, ApiError, 'Bad Request', 'Invalid options for the specified format', false],
    [401, AuthenticationError, 'Unauthorized', 'Invalid API key', false],
    [403, PermissionDeniedError, 'Forbidden', 'Insufficient permissions', false],
    [404, NotFoundError, 'Not Found', 'Dashboard not found', false],
    [405, ApiError, 'Method Not Allowed', 'Invalid HTTP method', false],
    [429, RateLimitError, 'Too Many Requests', 'Rate limit exceeded (60 requests/minute)', true],
  ] as const)('types a %i as %o with the vendor error and message', async (code, Class, vendorCode, message, retryable) => {
    const error = (await errorFor(server.current, { status: code, body: { error: vendorCode, message } }, async () =>
      unwrap(await start({ format: 'pdf' }), 'POST'),
    )) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(code);
    expect(error.vendorCode).toBe(vendorCode);
    expect(error.vendorMessage).toBe(message);
    expect(error.retryable).toBe(retryable);
    // Omni documents no Retry-After and no rate-limit headers.
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe('Omni download status (GET …/download/{jobId}/status)', () => {
  it.each(['in_progress', 'complete', 'error'] as const)('returns a %s status and passes userId', async (state) => {
    const body = { job_id: JOB, status: state, format: 'pdf', created_at: '2024-01-15T10:30:00Z' };
    server.current.respond({ body: state === 'error' ? { ...body, error: 'All queries failed.' } : body });
    const data = unwrap(await status(JOB, 'u-7'));
    expect(data.status).toBe(state);
    expect(data.job_id).toBe(JOB);
    const request = server.current.last();
    expect(request.method).toBe('GET');
    expect(request.pathname).toBe(`/api/v1/dashboards/${DASHBOARD}/download/${JOB}/status`);
    expect(request.query.get('userId')).toBe('u-7');
    expect(request.text).toBe('');
  });

  it.each([
    [400, ApiError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
  ] as const)('types a %i as %o', async (code, Class) => {
    const error = (await errorFor(server.current, { status: code, body: { error: String(code), message: 'nope' } }, async () =>
      unwrap(await status()),
    )) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.vendorCode).toBe(String(code));
    expect(error.vendorMessage).toBe('nope');
  });
});

describe('Omni download file (GET …/download/{jobId}, parseAs stream)', () => {
  it('streams a binary 200 with its Content-Disposition', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x0a]);
    server.current.respond({
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': 'attachment; filename="Dashboard Name.pdf"',
        'Content-Length': String(bytes.length),
      },
      body: bytes,
    });
    const result = await file();
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get('content-disposition')).toBe('attachment; filename="Dashboard Name.pdf"');
    expect(result.data).toBeInstanceOf(ReadableStream);
    const received = new Uint8Array(await new Response(result.data as ReadableStream).arrayBuffer());
    expect(received).toEqual(bytes);
    const request = server.current.last();
    expect(request.pathname).toBe(`/api/v1/dashboards/${DASHBOARD}/download/${JOB}`);
    expect(request.query.get('userId')).toBe('u-7');
  });

  it('answers a 202 (still in progress) as a success without an error', async () => {
    server.current.respond({ status: 202, body: '' });
    const result = await file();
    expect(result.response.status).toBe(202);
    expect(result.error).toBeUndefined();
  });

  it.each([
    [401, AuthenticationError, false],
    [404, NotFoundError, false],
    [410, ApiError, false],
    [500, ServerError, true],
  ] as const)('types a %i as %o (retryable %s)', async (code, Class, retryable) => {
    const message = code === 410 ? 'The job failed' : 'The artifact could not be retrieved';
    const error = (await errorFor(server.current, { status: code, body: { error: String(code), message } }, async () =>
      unwrap(await file()),
    )) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(code);
    expect(error.vendorMessage).toBe(message);
    expect(error.retryable).toBe(retryable);
  });
});

describe('Omni pre-request validation (nothing is sent)', () => {
  it.each([
    ['a job id that is not a UUID (status)', () => status('not-a-uuid'), 'jobId'],
    ['a job id with a path separator (file)', () => file(`${JOB}/../x`), 'jobId'],
    ['json without a tile', () => start({ format: 'json' }), 'body.queryIdentifierMapKey'],
    ['xlsx with overrideRowLimit and no tile', () => start({ format: 'xlsx', overrideRowLimit: true }), 'body.queryIdentifierMapKey'],
    ['a PDF option on csv', () => start({ format: 'csv', paperFormat: 'a4' }), 'body.paperFormat'],
    ['a CSV option on pdf', () => start({ format: 'pdf', hideHiddenFields: true }), 'body.hideHiddenFields'],
    ['an unknown format', () => start({ format: 'docx' }), 'body.format'],
    ['no format', () => start({}), 'body.format'],
    ['an unknown option', () => start({ format: 'pdf', colour: 'blue' }), 'body.colour'],
    ['a filename with the extension', () => start({ format: 'pdf', filename: 'report.pdf' }), 'body.filename'],
    ['an empty filename', () => start({ format: 'pdf', filename: '' }), 'body.filename'],
    ['a 256-character filename', () => start({ format: 'pdf', filename: 'x'.repeat(256) }), 'body.filename'],
    ['maxRowLimit out of range', () => start({ format: 'csv', maxRowLimit: 0 }), 'body.maxRowLimit'],
    ['a non-boolean option', () => start({ format: 'pdf', hideTitle: 'yes' }), 'body.hideTitle'],
    ['a non-object filterConfig', () => start({ format: 'pdf', filterConfig: 'region=EU' }), 'body.filterConfig'],
    ['a dot-segment dashboard id (would request /v1/download)', () => omni().POST('/v1/dashboards/{dashboardId}/download', {
      params: { path: { dashboardId: '..' } },
      body: { format: 'pdf' },
    }), 'dashboardId'],
    ['an empty dashboard id', () => omni().POST('/v1/dashboards/{dashboardId}/download', {
      params: { path: { dashboardId: '' } },
      body: { format: 'pdf' },
    }), 'dashboardId'],
  ] as const)('refuses %s', async (_label, action, field) => {
    const error = await expectRefusedBeforeSending(server.current, action, field);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('lets a valid json + tile request through', async () => {
    server.current.respond({ body: { job_id: JOB } });
    await start({ format: 'json', queryIdentifierMapKey: '1', enableFormatting: true });
    expect(server.current.requests).toHaveLength(1);
  });
});
