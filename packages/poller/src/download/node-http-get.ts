import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { Readable } from 'node:stream';
import { ConnectionError } from '@exportkit/core';
import type { FileResponse } from './file-response.js';

/** Hops followed before giving up: fetch's own limit, as storage hosts may chain a few. */
export const MAX_SIGNED_URL_REDIRECTS = 20;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A URL as it may appear in an error: a signed URL carries its signature in the query. */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function getOnce(url: URL, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, ...(signal ? { signal } : {}) }, resolve);
    request.once('error', (error) => {
      if (signal?.aborted) reject(signal.reason);
      else reject(new ConnectionError(`Could not reach the download host (GET ${describe(url)}): ${error.message}`, { cause: error }));
    });
  });
}

/**
 * GETs a signed URL over `node:http(s)` and follows its redirects the way
 * fetch does (any origin: a signed URL carries no credential to leak, and
 * object stores hop between hosts). Only the given headers are sent (Range,
 * If-Range): no cookies, no Authorization, no Accept-Encoding, so the body
 * is the file's bytes as stored.
 */
export async function getSignedUrl(url: URL, request: { signal?: AbortSignal | undefined; headers: Record<string, string> }): Promise<FileResponse> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const answer = await getOnce(target, request.headers, request.signal);
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.statusCode ?? 0) || location === undefined) return fromIncomingMessage(answer, target.href);
    answer.resume();
    const next = new URL(location, target);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new ConnectionError(`The download host redirected to a ${next.protocol} URL: only http(s) is fetched`);
    }
    if (hop >= MAX_SIGNED_URL_REDIRECTS) throw new ConnectionError(`More than ${MAX_SIGNED_URL_REDIRECTS} redirects from ${describe(url)}`);
    target = next;
  }
}

/** A `node:http` answer as a FileResponse: its body is the socket's own chunks, no copies. */
export function fromIncomingMessage(message: IncomingMessage, url: string): FileResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return {
    status: message.statusCode ?? 0,
    headers,
    url,
    chunks: () => message,
    cancel: async (reason) => {
      message.destroy(reason instanceof Error ? reason : undefined);
    },
    toResponse: () => {
      const status = message.statusCode ?? 0;
      const empty = status === 204 || status === 304;
      const response = new Response(empty ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>), {
        status,
        statusText: message.statusMessage ?? '',
        headers,
      });
      // A constructed Response has url "": keep where the answer came from.
      Object.defineProperty(response, 'url', { value: url });
      return response;
    },
  };
}
