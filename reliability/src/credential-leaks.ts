// Credential hygiene: the API key must appear in no request to the
// signed-URL origin, no line the CLI prints and no error the suite sees.
import { inspect } from 'node:util';
import type { Sandbox } from '@exportkit/sandbox';

/** Everything an error carries that a user could print or log: message, stack, cause, fields. */
export function errorText(error: unknown): string {
  // Depth-limited: a JSON bomb kept in an error's body must not blow the check up.
  return `${String(error)}\n${inspect(error, { depth: 6, maxStringLength: 1_000_000, maxArrayLength: 1_000 })}`;
}

/** How many (key, text) pairs have the key in the text. */
export function countLeaks(keys: readonly string[], texts: readonly string[]): number {
  let leaks = 0;
  for (const key of keys) for (const text of texts) if (text.includes(key)) leaks++;
  return leaks;
}

/** Each request the signed-URL origin received, as one text (method, path + query, headers). */
export function storageRequestTexts(sandbox: Sandbox): string[] {
  return sandbox.storageRequests.map((request) => `${request.method} ${request.url}\n${JSON.stringify(request.headers)}`);
}
