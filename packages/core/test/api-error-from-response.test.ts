import { describe, expect, it } from 'vitest';
import * as builtCopy from '@exportkit/core';
import {
  ApiError,
  apiErrorFromResponse,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ExportkitError,
  isExportkitError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../src/index.js';

const NOW = 1_800_000_000_000;
const respond = (status: number, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers });

describe('apiErrorFromResponse: one class per status', () => {
  it.each([
    [401, AuthenticationError, 'unauthorized', false],
    [403, PermissionDeniedError, 'forbidden', false],
    [404, NotFoundError, 'not_found', false],
    [409, ConflictError, 'conflict', false],
    [429, RateLimitError, 'rate_limited', true],
    [500, ServerError, 'server_error', true],
    [501, ServerError, 'server_error', false],
    [502, ServerError, 'server_error', true],
    [503, ServerError, 'server_error', true],
    [504, ServerError, 'server_error', true],
  ] as const)('%i → %o (%s, retryable %s)', (status, Class, code, retryable) => {
    const error = apiErrorFromResponse(respond(status), undefined, undefined, NOW);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe(Class.name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
  });

  it.each([
    [400, false],
    [408, true],
    [410, false],
    [422, false],
    [425, true],
  ])('%i is a plain ApiError (retryable %s)', (status, retryable) => {
    const error = apiErrorFromResponse(respond(status), undefined, undefined, NOW);
    expect(error.constructor).toBe(ApiError);
    expect(error.code).toBe('http_error');
    expect(error.retryable).toBe(retryable);
  });
});

describe('apiErrorFromResponse: vendor fields', () => {
  it('lets problem+json retryable override the status rule, both ways', () => {
    expect(apiErrorFromResponse(respond(503), { retryable: false }, undefined, NOW).retryable).toBe(false);
    expect(apiErrorFromResponse(respond(400), { retryable: true }, undefined, NOW).retryable).toBe(true);
  });

  it('carries the vendor code and message into fields and message', () => {
    const error = apiErrorFromResponse(
      respond(404),
      { error_code: 'not_found', detail: 'The requested resource was not found.' },
      { method: 'GET', url: 'https://api.example.test/things/1?signature=abc' },
      NOW,
    );
    expect(error.vendorCode).toBe('not_found');
    expect(error.vendorMessage).toBe('The requested resource was not found.');
    expect(error.url).toBe('https://api.example.test/things/1');
    expect(error.method).toBe('GET');
    expect(error.message).toBe(
      'HTTP 404 not_found: The requested resource was not found. (GET https://api.example.test/things/1)',
    );
    expect(error.message).not.toContain('signature');
  });

  it('names the URL by the one rule: no credentials, query or fragment', () => {
    const error = apiErrorFromResponse(respond(404), {}, { method: 'GET', url: 'https://user:pass@api.example.test/things/1?sig=abc#part' }, NOW);
    expect(error.url).toBe('https://api.example.test/things/1');
    expect(error.message).not.toMatch(/user|pass|sig=|#part/);
  });

  it('keeps a request URL that is no absolute URL, without its query or fragment', () => {
    const error = apiErrorFromResponse(respond(404), {}, { method: 'GET', url: '/things/1?sig=abc#part' }, NOW);
    expect(error.url).toBe('/things/1');
  });

  it('keeps the parsed body (Omni 409 existing_job_id) and the headers', () => {
    const body = { detail: 'in progress', existing_job_id: '550e8400-e29b-41d4-a716-446655440000' };
    const error = apiErrorFromResponse(respond(409, { 'X-Request-Id': 'r1' }), body, undefined, NOW);
    expect(error.body).toEqual(body);
    expect(error.headers?.get('x-request-id')).toBe('r1');
  });
});

describe('apiErrorFromResponse: retryAfterMs', () => {
  it('prefers the Retry-After header over the body', () => {
    const error = apiErrorFromResponse(respond(429, { 'Retry-After': '7' }), { retry_after: 31 }, undefined, NOW);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it('reads an HTTP-date Retry-After against now', () => {
    const at = new Date(NOW + 90_000).toUTCString();
    expect(apiErrorFromResponse(respond(503, { 'Retry-After': at }), undefined, undefined, NOW).retryAfterMs).toBe(90_000);
  });

  it('uses the body retry_after when there is no header', () => {
    expect(apiErrorFromResponse(respond(429), { retry_after: 31 }, undefined, NOW).retryAfterMs).toBe(31_000);
  });

  it('falls back to the rate-limit reset on a 429 whose window is used up', () => {
    const spent = { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '12' };
    expect(apiErrorFromResponse(respond(429, spent), undefined, undefined, NOW).retryAfterMs).toBe(12_000);
    const legacy = { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 20) };
    expect(apiErrorFromResponse(respond(429, legacy), undefined, undefined, NOW).retryAfterMs).toBe(20_000);
  });

  it('does not invent a wait from a window that still has room, or on a non-429', () => {
    const room = { 'RateLimit-Remaining': '5', 'RateLimit-Reset': '12' };
    expect(apiErrorFromResponse(respond(429, room), undefined, undefined, NOW).retryAfterMs).toBeUndefined();
    const spent = { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '12' };
    expect(apiErrorFromResponse(respond(503, spent), undefined, undefined, NOW).retryAfterMs).toBeUndefined();
    expect(apiErrorFromResponse(respond(500), {}, undefined, NOW).retryAfterMs).toBeUndefined();
  });
});

describe('isExportkitError', () => {
  it('recognises every exportkit error and nothing else', () => {
    expect(isExportkitError(new ValidationError('x', 'y'))).toBe(true);
    expect(isExportkitError(new ConnectionError('down'))).toBe(true);
    expect(isExportkitError(apiErrorFromResponse(respond(500), undefined))).toBe(true);
    expect(isExportkitError(new Error('plain'))).toBe(false);
    expect(isExportkitError({ code: 'validation_error', name: 'ValidationError' })).toBe(false);
    expect(isExportkitError(null)).toBe(false);
    expect(isExportkitError('ExportkitError')).toBe(false);
  });

  it('works across a second copy of the package, where instanceof does not', () => {
    // The built package and this source tree are two separate module copies.
    const fromCopy = new builtCopy.NotFoundError({ status: 404, retryable: false });
    expect(builtCopy.ExportkitError).not.toBe(ExportkitError);
    expect(fromCopy instanceof ExportkitError).toBe(false);
    expect(isExportkitError(fromCopy)).toBe(true);
    expect(builtCopy.isExportkitError(new ValidationError('field', 'rule'))).toBe(true);
  });
});

describe('ValidationError', () => {
  it('names the field and the rule', () => {
    const error = new ValidationError('body.format', 'must be one of pdf, png');
    expect(error.field).toBe('body.format');
    expect(error.rule).toBe('must be one of pdf, png');
    expect(error.message).toBe('Invalid body.format: must be one of pdf, png');
    expect(error.code).toBe('validation_error');
  });
});
