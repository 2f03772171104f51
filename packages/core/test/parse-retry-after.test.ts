import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/index.js';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an IMF-fixdate as the wait until that instant', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Thu, 22 Oct 2015 07:28:00 GMT', NOW)).toBe(86_400_000);
  });

  it('accepts the obsolete HTTP-date forms RFC 9110 requires recipients to read', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:28:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Wed Oct 21 07:28:20 2015', NOW)).toBe(20_000);
  });

  it('turns a date in the past into 0, never a negative wait', () => {
    expect(parseRetryAfter('Tue, 20 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['a word', 'soon'],
    ['a word and a number', 'soon 5'],
    ['a negative number', '-5'],
    ['a fraction', '1.5'],
    ['exponent notation', '1e3'],
    ['hex', '0x10'],
    ['Infinity', 'Infinity'],
    ['a month and a day only', 'May 5'],
  ])('returns undefined for garbage: %s', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('keeps huge delays finite, exact and unclamped below the safe-integer range', () => {
    expect(parseRetryAfter('31536000', NOW)).toBe(31_536_000_000); // a year
    expect(parseRetryAfter('9007199254740', NOW)).toBe(9_007_199_254_740_000);
    const absurd = parseRetryAfter('9'.repeat(400), NOW);
    expect(absurd).toBeDefined();
    expect(Number.isFinite(absurd)).toBe(true);
    expect(Number.isSafeInteger(absurd)).toBe(true);
    expect(absurd).toBeGreaterThan(9_007_199_254_740_000);
  });

  it('defaults "now" to the clock', () => {
    const inOneHour = new Date(Date.now() + 3_600_000).toUTCString();
    const wait = parseRetryAfter(inOneHour);
    expect(wait).toBeGreaterThan(3_500_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
  });
});
