import {
  ApiError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  unwrap,
} from '@exportkit/core';
import { describeClientIdentity, errorFor, expectRefusedBeforeSending, useRecordingServer } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { type ClosientClient, createClosientClient } from '../src/index.js';

const ORG = 'abcdefghijkmnopqrstuvw';
const JOB = '23456789ABCDEFGHJKLMNP';
const server = useRecordingServer();
const closient = (): ClosientClient => createClosientClient({ apiKey: 'csb_testkey0123_abcd', baseUrl: server.current.url });
const requestExport = (archive_format?: 'zip' | 'tar.gz', org = ORG) =>
  closient().POST('/dashboard/api/v1/data-export/{organization_id}', {
    params: { path: { organization_id: org }, query: archive_format ? { archive_format } : {} },
  });
const poll = (job = JOB, org = ORG) =>
  closient().GET('/dashboard/api/v1/data-export/{organization_id}/{job_id}', {
    params: { path: { organization_id: org, job_id: job } },
  });

const pending = {
  job_id: JOB,
  status: 'pending',
  archive_format: 'tar.gz',
  format_version: '1.0',
  output_filename: null,
  file_size_bytes: 0,
  download_url: null,
  expires_at: null,
  sections: [],
  error: null,
};
const completed = {
  ...pending,
  status: 'completed',
  output_filename: 'closient-export-acme.tar.gz',
  file_size_bytes: 184_320,
  download_url: 'https://bucket.s3.example/org-exports/export.tar.gz?X-Amz-Signature=abc',
  expires_at: '2026-06-26T22:00:00+00:00',
  sections: [{ key: 'products', status: 'ok', record_count: 120, binary_count: 240 }],
};
const problem = (status: number, error_code: string, extra: Record<string, unknown> = {}) => ({
  type: `https://closient.com/docs/errors/${error_code}`,
  title: error_code,
  status,
  detail: `detail of ${error_code}`,
  error_code,
  timestamp: '2026-03-31T12:00:00+00:00',
  ...extra,
});
const PROBLEM_JSON = { 'Content-Type': 'application/problem+json' };

describeClientIdentity(server, {
  packageJson: new URL('../package.json', import.meta.url),
  authHeader: 'X-API-Key',
  authValue: (key) => key,
  create: (options) => createClosientClient(options),
  call: async (api) => unwrap(await api.GET('/dashboard/api/v1/data-export/{organization_id}/{job_id}', {
    params: { path: { organization_id: ORG, job_id: JOB } },
  })),
  errorBody: (message) => problem(401, 'unauthorized', { detail: message }),
});

describe('Closient request export (POST …/data-export/{organization_id}, inferred)', () => {
  it('posts no body, sends archive_format and returns the pending status with null fields', async () => {
    server.current.respond({ body: pending });
    const data = unwrap(await requestExport('tar.gz'));
    expect(data).toEqual(pending);
    expect(data.download_url).toBeNull();
    const request = server.current.last();
    expect(request.method).toBe('POST');
    expect(request.pathname).toBe(`/dashboard/api/v1/data-export/${ORG}`);
    expect(request.query.get('archive_format')).toBe('tar.gz');
    expect(request.text).toBe('');
  });

  it('leaves archive_format out when not given (server default zip)', async () => {
    server.current.respond({ body: { ...pending, archive_format: 'zip' } });
    await requestExport();
    expect(server.current.last().url).toBe(`/dashboard/api/v1/data-export/${ORG}`);
  });
});

describe('Closient poll export (GET …/data-export/{organization_id}/{job_id})', () => {
  it('returns the completed status with its signed download_url', async () => {
    server.current.respond({ body: completed, headers: { 'RateLimit-Remaining': '299', 'RateLimit-Limit': '300' } });
    const result = await poll();
    const data = unwrap(result);
    expect(data.status).toBe('completed');
    expect(data.download_url).toBe(completed.download_url);
    expect(data.sections?.[0]?.binary_count).toBe(240);
    expect(result.response.headers.get('ratelimit-remaining')).toBe('299');
    expect(server.current.last().url).toBe(`/dashboard/api/v1/data-export/${ORG}/${JOB}`);
  });
});

describe('Closient problem+json errors', () => {
  it.each([
    [401, AuthenticationError, 'unauthorized', false],
    [403, PermissionDeniedError, 'forbidden', false],
    [404, NotFoundError, 'not_found', false],
    [422, ApiError, 'validation_error', false],
    [500, ServerError, 'internal_error', true],
  ] as const)('parses a %i into %o with error_code and detail', async (code, Class, errorCode, retryable) => {
    const body = problem(code, errorCode);
    const error = (await errorFor(server.current, { status: code, headers: PROBLEM_JSON, body }, async () =>
      unwrap(await poll()),
    )) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(code);
    expect(error.vendorCode).toBe(errorCode);
    expect(error.vendorMessage).toBe(`detail of ${errorCode}`);
    expect(error.retryable).toBe(retryable);
    expect(error.body).toEqual(body);
  });

  it('lets the problem retryable flag override the status rule', async () => {
    const body = problem(500, 'export_corrupt', { retryable: false });
    const error = (await errorFor(server.current, { status: 500, headers: PROBLEM_JSON, body }, async () =>
      unwrap(await requestExport()),
    )) as ApiError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.retryable).toBe(false);
  });

  it('reads a 429 with Retry-After, RateLimit-* and legacy X-RateLimit-* headers', async () => {
    const body = problem(429, 'rate_limited', { retryable: true, retry_after: 31 });
    const error = (await errorFor(
      server.current,
      {
        status: 429,
        headers: {
          ...PROBLEM_JSON,
          'Retry-After': '30',
          'RateLimit-Policy': '300;w=60, 10000;w=86400',
          'RateLimit-Limit': '300',
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': '30',
          'X-RateLimit-Limit': '300',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': '4102444800',
        },
        body,
      },
      async () => unwrap(await requestExport()),
    )) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryable).toBe(true);
    expect(error.vendorCode).toBe('rate_limited');
    // Retry-After (the HTTP standard) wins over the body's retry_after.
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.headers?.get('ratelimit-policy')).toBe('300;w=60, 10000;w=86400');
  });

  it('falls back to the body retry_after, then the rate-limit reset, on a 429', async () => {
    const bodyOnly = (await errorFor(
      server.current,
      { status: 429, headers: PROBLEM_JSON, body: problem(429, 'rate_limited', { retry_after: 31 }) },
      async () => unwrap(await poll()),
    )) as RateLimitError;
    expect(bodyOnly.retryAfterMs).toBe(31_000);
    const headersOnly = (await errorFor(
      server.current,
      { status: 429, headers: { ...PROBLEM_JSON, 'RateLimit-Remaining': '0', 'RateLimit-Reset': '17' }, body: problem(429, 'rate_limited') },
      async () => unwrap(await poll()),
    )) as RateLimitError;
    expect(headersOnly.retryAfterMs).toBe(17_000);
  });
});

describe('Closient pre-request validation (nothing is sent)', () => {
  it.each([
    ['an organization id with a 0', () => requestExport('zip', 'abcdefghijkmnopqrstuv0'), 'organization_id'],
    ['a 21-character organization id', () => requestExport('zip', ORG.slice(1)), 'organization_id'],
    ['a UUID as job id', () => poll('550e8400-e29b-41d4-a716-446655440000'), 'job_id'],
    ["the vendor's own example job id (has 0 and 1)", () => poll('a1b2c3d4e5f6g7h8i9j0k1'), 'job_id'],
    ['a job id with an l', () => poll('lbcdefghijkmnopqrstuvw'), 'job_id'],
    ['an unknown archive format', () => requestExport('rar' as never), 'archive_format'],
  ] as const)('refuses %s', async (_label, action, field) => {
    await expectRefusedBeforeSending(server.current, action, field);
  });
});
