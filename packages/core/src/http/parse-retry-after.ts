/**
 * Parses an HTTP `Retry-After` value (RFC 9110 §10.2.3): either delay-seconds
 * or an HTTP-date. Returns the wait in milliseconds from `nowMs`, never
 * negative, or `undefined` when the value is absent or unreadable.
 *
 * The result is not clamped: how long a caller is willing to wait (and what
 * a timer can hold) is the caller's policy, not the parser's.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an IMF-fixdate-like value is a date; a bare "-5" or "1.5" is not.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
