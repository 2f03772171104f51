import { apiErrorFromResponse } from '@exportkit/core';
import { DownloadError } from '../errors/download-error.js';
import type { JobState } from '../export/job-state.js';
import type { JobContext } from '../export/job-context.js';

/**
 * A signed object-storage URL answers these when its signature has expired
 * (S3: 403, GCS: 400) or the object is gone (404, 410). Either way the job is
 * asked again: it hands out a fresh URL, or says it failed.
 */
const EXPIRED_STATUSES = new Set([400, 401, 403, 404, 410]);

/**
 * Fetches a signed download URL with a plain fetch: no vendor credentials go
 * to the storage host (it would leak the key, and object stores refuse a
 * request carrying both an Authorization header and a signature).
 */
export async function openSignedUrl(
  context: JobContext,
  job: JobState,
  request: { signal?: AbortSignal | undefined; headers: Record<string, string> },
): Promise<Response> {
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
  const response = await context.fetch(parsed, {
    headers: request.headers,
    signal: request.signal ?? null,
    redirect: 'follow',
    credentials: 'omit',
  });
  if (response.ok) return response;
  await response.body?.cancel();
  if (EXPIRED_STATUSES.has(response.status)) {
    throw new DownloadError('url_expired', `The signed download URL was refused (HTTP ${response.status})`, job);
  }
  // The URL carries its signature in the query: apiErrorFromResponse keeps only the path.
  throw apiErrorFromResponse(response, undefined, { method: 'GET', url });
}
