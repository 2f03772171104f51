import { describe, expect, it } from 'vitest';
import { readVendorErrorBody } from '../src/index.js';

describe('readVendorErrorBody', () => {
  it('reads Closient problem+json (code, detail, retryable, retry_after)', () => {
    expect(
      readVendorErrorBody({
        type: 'https://closient.com/docs/errors/rate_limited',
        title: 'Rate Limited',
        status: 429,
        detail: 'Rate limit exceeded. Please try again later.',
        error_code: 'rate_limited',
        retryable: true,
        retry_after: 31,
        timestamp: '2026-03-31T12:00:00+00:00',
      }),
    ).toEqual({
      code: 'rate_limited',
      message: 'Rate limit exceeded. Please try again later.',
      retryable: true,
      retryAfterSeconds: 31,
    });
  });

  it('reads retry_after_seconds (the name in Closient prose) and ignores a null retry_after', () => {
    expect(readVendorErrorBody({ error_code: 'x', retry_after: null, retry_after_seconds: 12 })).toEqual({
      code: 'x',
      retryAfterSeconds: 12,
    });
  });

  it('falls back to the problem title when there is no detail', () => {
    expect(readVendorErrorBody({ title: 'Not Found', status: 404 })).toEqual({ message: 'Not Found' });
  });

  it('reads VideoDB { success, message, error_code }', () => {
    expect(readVendorErrorBody({ success: false, message: 'Invalid access token', error_code: 'UNAUTHORIZED' })).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Invalid access token',
    });
  });

  it('reads Omni { error, message } and the 409 { detail, existing_job_id }', () => {
    expect(readVendorErrorBody({ error: 'Forbidden', message: 'No access to this dashboard' })).toEqual({
      code: 'Forbidden',
      message: 'No access to this dashboard',
    });
    expect(
      readVendorErrorBody({
        detail: 'A download is already in progress for this dashboard.',
        existing_job_id: '550e8400-e29b-41d4-a716-446655440000',
        status: 'EXECUTING',
      }),
    ).toEqual({ message: 'A download is already in progress for this dashboard.' });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
    ['a number', 42],
    ['an array', [{ error_code: 'x' }]],
    ['an object of wrong types', { error: 5, message: {}, detail: '', retryable: 'yes', retry_after: -3 }],
    ['an infinite retry_after', { retry_after: Number.POSITIVE_INFINITY }],
  ])('yields no fields for garbage: %s', (_label, body) => {
    expect(readVendorErrorBody(body)).toEqual({});
  });
});
