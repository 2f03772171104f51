import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, parseRateLimitPolicy } from '../src/index.js';

const NOW = 1_800_000_000_000;

describe('parseRateLimitHeaders', () => {
  it('reads the standard RateLimit-* headers; Reset is relative seconds', () => {
    const headers = new Headers({
      'RateLimit-Limit': '300',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '31',
      'RateLimit-Policy': '300;w=60, 10000;w=86400',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      limit: 300,
      remaining: 0,
      resetMs: 31_000,
      policies: [
        { limit: 300, windowSeconds: 60 },
        { limit: 10_000, windowSeconds: 86_400 },
      ],
    });
  });

  it('falls back to legacy X-RateLimit-*, where Reset is an absolute Unix time', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '7',
      'X-RateLimit-Reset': String(NOW / 1000 + 45),
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 300, remaining: 7, resetMs: 45_000 });
  });

  it('never mistakes the absolute legacy reset for a relative one', () => {
    const absolute = String(NOW / 1000 + 10);
    const info = parseRateLimitHeaders(new Headers({ 'X-RateLimit-Reset': absolute }), NOW);
    expect(info?.resetMs).toBe(10_000);
    expect(info?.resetMs).not.toBe(Number(absolute) * 1000);
  });

  it('prefers the standard relative reset when both are sent (as Closient does)', () => {
    const headers = new Headers({
      'RateLimit-Reset': '12',
      'X-RateLimit-Reset': String(NOW / 1000 + 999),
      'RateLimit-Remaining': '3',
      'X-RateLimit-Remaining': '99',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ remaining: 3, resetMs: 12_000 });
  });

  it('turns a legacy reset already in the past into 0', () => {
    const headers = new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 - 60) });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ resetMs: 0 });
  });

  it('returns undefined when nothing is said about rate limits (Omni)', () => {
    expect(parseRateLimitHeaders(new Headers({ 'Content-Type': 'application/json' }), NOW)).toBeUndefined();
  });

  it('ignores unreadable values instead of producing NaN', () => {
    const headers = new Headers({ 'RateLimit-Limit': 'lots', 'RateLimit-Remaining': '-1', 'RateLimit-Reset': '1.5' });
    expect(parseRateLimitHeaders(headers, NOW)).toBeUndefined();
  });
});

describe('parseRateLimitPolicy', () => {
  it('reads every window of a policy list', () => {
    expect(parseRateLimitPolicy('300;w=60, 10000;w=86400')).toEqual([
      { limit: 300, windowSeconds: 60 },
      { limit: 10_000, windowSeconds: 86_400 },
    ]);
  });

  it('tolerates whitespace and extra parameters', () => {
    expect(parseRateLimitPolicy(' 100 ; comment="x" ; w = 10 ')).toEqual([{ limit: 100, windowSeconds: 10 }]);
  });

  it('skips items without a usable window and returns undefined when none is left', () => {
    expect(parseRateLimitPolicy('300;w=60, 5, 7;w=0, x;w=9')).toEqual([{ limit: 300, windowSeconds: 60 }]);
    expect(parseRateLimitPolicy('garbage')).toBeUndefined();
    expect(parseRateLimitPolicy('')).toBeUndefined();
    expect(parseRateLimitPolicy(null)).toBeUndefined();
  });
});
