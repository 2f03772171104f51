// Property-based tests (fast-check) for the parsers every response goes
// through: whatever a server sends, they never throw, never return a negative
// or non-finite wait, and agree with the plain reading of the header.
import { parseRateLimitHeaders, parseRetryAfter, readVendorErrorBody } from '@exportkit/core';
import fc from 'fast-check';
import { test } from 'vitest';
import { scenario } from '../src/ledger.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

test('Retry-After: delay-seconds are read exactly; nothing yields a negative or non-finite wait', () =>
  scenario('property/parse-retry-after', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), (seconds) => parseRetryAfter(String(seconds), NOW) === seconds * 1000),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (text) => {
        const wait = parseRetryAfter(text, NOW);
        return wait === undefined || (Number.isFinite(wait) && wait >= 0);
      }),
    );
    // An HTTP date: the wait is its distance from now (second precision), never negative.
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 10), max: 10 ** 10 }), (offsetMs) => {
        const at = new Date(NOW + offsetMs);
        const wait = parseRetryAfter(at.toUTCString(), NOW);
        const expected = Math.max(0, Math.floor((NOW + offsetMs) / 1000) * 1000 - NOW);
        return wait === expected;
      }),
    );
  }));

test('RateLimit-*: any header values parse without throwing into non-negative numbers', () =>
  scenario('property/parse-rate-limit-headers', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.nat().map(String), fc.integer().map(String));
    fc.assert(
      fc.property(value, value, value, value, value, (limit, remaining, reset, legacyReset, policy) => {
        const headers = new Headers();
        for (const [name, v] of [
          ['RateLimit-Limit', limit],
          ['RateLimit-Remaining', remaining],
          ['RateLimit-Reset', reset],
          ['X-RateLimit-Reset', legacyReset],
          ['RateLimit-Policy', policy],
        ] as const) {
          try {
            headers.set(name, v);
          } catch {
            // Not a legal header value; a server could not send it either.
          }
        }
        const info = parseRateLimitHeaders(headers, NOW);
        if (info === undefined) return true;
        const numbers = [info.limit, info.remaining, info.resetMs].filter((n) => n !== undefined) as number[];
        const policiesOk = (info.policies ?? []).every((p) => p.limit >= 0 && p.windowSeconds > 0);
        return numbers.every((n) => Number.isFinite(n) && n >= 0) && policiesOk;
      }),
    );
    // The legacy reset is an absolute Unix time: it becomes the wait until then.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), (inSeconds) => {
        const headers = new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 + inSeconds) });
        return parseRateLimitHeaders(headers, NOW)?.resetMs === inSeconds * 1000;
      }),
    );
  }));

test('vendor error bodies: any JSON, however deep or large, reads without throwing', () =>
  scenario('property/read-vendor-error-body', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 20 }), (body) => {
        const fields = readVendorErrorBody(body);
        return (
          (fields.code === undefined || typeof fields.code === 'string') &&
          (fields.message === undefined || typeof fields.message === 'string') &&
          (fields.retryAfterSeconds === undefined || fields.retryAfterSeconds >= 0)
        );
      }),
    );
  }));
