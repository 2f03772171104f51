/**
 * Parses an HTTP `Retry-After` value (RFC 9110 §10.2.3): either delay-seconds
 * or an HTTP-date. Returns the wait in milliseconds from `nowMs`, never
 * negative, or `undefined` when the value is absent or unreadable.
 *
 * The result is not clamped: how long a caller is willing to wait (and what
 * a timer can hold) is the caller's policy, not the parser's. It only
 * saturates at Number.MAX_SAFE_INTEGER, so it is always a finite integer.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  // Only the three HTTP-date forms are dates. Date.parse alone would read
  // garbage such as "soon 5" or "May 5" as a day in 2001, i.e. "retry now".
  const date = HTTP_DATE.test(text) ? text : ASCTIME.test(text) ? `${text} GMT` : undefined;
  if (date === undefined) return undefined;
  const at = Date.parse(date);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`). */
const HTTP_DATE =
  /^(?:[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4}|[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2}) \d{2}:\d{2}:\d{2} GMT$/;
/** Obsolete asctime (`Sun Nov  6 08:49:37 1994`), which is GMT without saying so. */
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
