import { apiErrorFromResponse } from '@exportkit/core';
import { DownloadError } from '../errors/download-error.js';
import type { JobState } from '../export/job-state.js';
import type { JobContext } from '../export/job-context.js';
import { fromFetchResponse, type FileResponse } from './file-response.js';
import { getSignedUrl } from './get-signed-url.js';

/**
 * A signed object-storage URL answers these when its signature has expired
 * (S3: 403, GCS: 400) or the object is gone (404, 410). Either way the job is
 * asked again: it hands out a fresh URL, or says it failed.
 */
const EXPIRED_STATUSES = new Set([400, 401, 403, 404, 410]);

/**
 * Fetches a signed download URL with no vendor credentials: they would leak
 * the key to the storage host, and object stores refuse a request carrying
 * both an Authorization header and a signature. Over `node:http` unless the
 * caller gave a fetch of their own (then a plain fetch with that).
 */
export async function openSignedUrl(
  context: JobContext,
  job: JobState,
  request: { signal?: AbortSignal | undefined; headers: Record<string, string> },
): Promise<FileResponse> {
  const url = job.downloadUrl;
  if (url === undefined) throw new DownloadError('no_file', `The ${job.vendor} job ${job.id} has no download URL`, job);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('invalid_url', `The ${job.vendor} download URL is not a URL`, job);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new DownloadError('invalid_url', `Refusing a ${parsed.protocol} download URL: only http(s) is fetched`, job);
  }
  const response = context.fetch
    ? fromFetchResponse(
        await context.fetch(parsed, { headers: request.headers, signal: request.signal ?? null, redirect: 'follow', credentials: 'omit' }),
      )
    : await getSignedUrl(parsed, request);
  if (response.status >= 200 && response.status < 300) return response;
  await response.cancel();
  if (EXPIRED_STATUSES.has(response.status)) {
    throw new DownloadError('url_expired', `The signed download URL was refused (HTTP ${response.status})`, job);
  }
  // The URL carries its signature in the query: apiErrorFromResponse keeps only the path.
  throw apiErrorFromResponse(new Response(null, { status: response.status, headers: response.headers }), undefined, { method: 'GET', url });
}
