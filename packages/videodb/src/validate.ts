import { type OutgoingCall, requireIntegerInRange, requirePattern, requireString, ValidationError } from '@exportkit/core';

/**
 * An id goes into a URL path: one segment, no separators or whitespace, and
 * not a dot segment ("." or ".." would be resolved away and hit another URL).
 */
const ID_PATTERN = /^(?!\.{1,2}$)[^/\\?#\s]+$/;

/** A stream link must be an http(s) URL: VideoDB fetches it from its side. */
function requireStreamLink(value: unknown): void {
  requireString('body.stream_link', value);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw new ValidationError('body.stream_link', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('body.stream_link', `must be an http(s) URL, got ${url.protocol}`);
  }
}

/** Checks a create-download body. */
export function validateVideoDBCreateRequest(body: unknown): void {
  if (typeof body !== 'object' || body === null) throw new ValidationError('body', 'must be { stream_link, name? }');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((key) => key !== 'stream_link' && key !== 'name');
  if (unknown) throw new ValidationError(`body.${unknown}`, 'is not a field of a VideoDB download request');
  requireStreamLink(b.stream_link);
  if (b.name !== undefined) requireString('body.name', b.name);
}

/** Pre-flight checks of every VideoDB call (the client runs it before sending). */
export function validateVideoDBCall(call: OutgoingCall): void {
  const id = call.path.download_id ?? call.query.download_id;
  if (id !== undefined || call.schemaPath === '/download/{download_id}') {
    requirePattern('download_id', id, ID_PATTERN, 'a download id (one path segment)');
  }
  if (call.path.response_id !== undefined) {
    requirePattern('response_id', call.path.response_id, ID_PATTERN, 'a response id');
  }
  if (call.query.count !== undefined) requireIntegerInRange('count', call.query.count, 1, 5000);
  if (call.query.page_index !== undefined) {
    requireIntegerInRange('page_index', call.query.page_index, 0, Number.MAX_SAFE_INTEGER);
  }
  if (call.method === 'POST' && call.schemaPath === '/download') validateVideoDBCreateRequest(call.body);
}
