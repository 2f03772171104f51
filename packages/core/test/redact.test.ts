import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecret } from '../src/index.js';

describe('redactSecret', () => {
  it('replaces every occurrence of the secret', () => {
    expect(redactSecret('key sk-abc123 and again sk-abc123.', 'sk-abc123')).toBe(`key ${REDACTED} and again ${REDACTED}.`);
  });

  it('treats the secret literally, not as a pattern', () => {
    expect(redactSecret('a.b*c+(d) and aXbbc', 'a.b*c+(d)')).toBe(`${REDACTED} and aXbbc`);
  });

  it('leaves text without the secret unchanged', () => {
    expect(redactSecret('nothing here', 'sk-abc123')).toBe('nothing here');
  });

  it('does not treat keys shorter than 4 characters (or empty) as secrets', () => {
    expect(redactSecret('the cat sat', 'at')).toBe('the cat sat');
    expect(redactSecret('text', '')).toBe('text');
    expect(redactSecret('abcd abcd', 'abcd')).toBe(`${REDACTED} ${REDACTED}`);
  });
});
