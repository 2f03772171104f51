import { parse } from 'content-disposition';

/**
 * The filename a Content-Disposition header suggests, preferring the RFC 8187
 * `filename*` (UTF-8) over the plain `filename`. Malformed headers yield
 * nothing rather than an error: the name is a suggestion, never a reason to fail.
 * The result is NOT safe to use as a path yet: pass it to `sanitizeFilename`.
 */
export function parseContentDisposition(header: string | null | undefined): string | undefined {
  if (!header || header.length > 8192) return undefined;
  try {
    const { parameters } = parse(header);
    // The library decodes `filename*` into `filename` when both are present, preferring it.
    const name = parameters.filename;
    return name === undefined || name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}
