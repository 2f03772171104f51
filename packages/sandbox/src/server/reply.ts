import type { FileLayout } from '../files/layout.js';

/**
 * What a handler answers, before it is written: faults can replace or
 * damage it on the way out, and every vendor's replies are written the same
 * way.
 */
export interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  /** A JSON value (sent as application/json unless a content-type header says otherwise). */
  json?: unknown;
  /** Raw text or bytes (HTML error pages, broken JSON, XML errors). */
  text?: string;
  /** A file, or the `[start, end)` slice of it that a Range asked for. */
  file?: { layout: FileLayout; start: number; end: number };
}

export const jsonReply = (status: number, json: unknown, headers?: Record<string, string | number>): Reply => ({
  status,
  json,
  ...(headers ? { headers } : {}),
});
