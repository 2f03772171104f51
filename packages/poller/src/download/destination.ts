import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DownloadError } from '../errors/download-error.js';
import type { JobState } from '../export/job-state.js';
import type { FileResponse } from './file-response.js';
import { parseContentDisposition } from './parse-content-disposition.js';
import { sanitizeFilename } from './sanitize-filename.js';

/**
 * The final path: the caller's name, else Content-Disposition, else the
 * vendor's name (`output_filename`, `name`), else `<vendor>-<job id>` — each
 * sanitised, and checked to stay inside the destination folder.
 */
export async function destinationFor(
  options: { to: string; filename?: string | undefined },
  response: FileResponse,
  job: JobState,
): Promise<string> {
  const folder = resolve(options.to);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new DownloadError('invalid_filename', `${folder} is not a folder`, job);
  const candidates = [options.filename, parseContentDisposition(response.headers.get('content-disposition')), job.filename];
  let name: string | undefined;
  for (const candidate of candidates) {
    name = candidate === undefined ? undefined : sanitizeFilename(candidate);
    if (name !== undefined) break;
  }
  name ??= sanitizeFilename(`${job.vendor}-${job.id}`) ?? `${job.vendor}-export`;
  const path = join(folder, name);
  const inside = relative(folder, path);
  // Belt and braces: the sanitiser already removed separators and dots.
  if (inside === '' || inside.startsWith('..') || resolve(folder, inside) !== path) {
    throw new DownloadError('invalid_filename', `Refusing a file name that leaves ${folder}`, job);
  }
  return path;
}

/** Refuses to start writing when the destination exists and overwriting was not asked for. */
export async function ensureFreeDestination(path: string, overwrite: boolean, response: FileResponse): Promise<void> {
  if (overwrite) return;
  const exists = await stat(path).then(() => true, () => false);
  if (!exists) return;
  await response.cancel();
  throw new DownloadError('exists', `${path} already exists (pass overwrite to replace it)`);
}
