import { ValidationError } from '@exportkit/core';

/**
 * What a process needs to pick a job up again: the vendor, the job id and the
 * request context the status and file calls need. Never the API key: a token
 * is printed, logged and stored, and the resuming process brings its own client.
 */
export type ResumeToken =
  | { version: 1; vendor: 'omni'; jobId: string; dashboardId: string; userId?: string }
  | { version: 1; vendor: 'videodb'; jobId: string }
  | { version: 1; vendor: 'closient'; jobId: string; organizationId: string; archiveFormat?: 'zip' | 'tar.gz' };

const MAX_FIELD = 512;

function field(source: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = source[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > MAX_FIELD || /[\u0000-\u001f]/.test(value)) {
    throw new ValidationError(`token.${name}`, 'must be a non-empty string without control characters');
  }
  return value;
}

/** Checks a token that came from outside (a file, a command line) before any request uses it. */
export function parseResumeToken(value: unknown): ResumeToken {
  if (typeof value !== 'object' || value === null) throw new ValidationError('token', 'must be an object');
  const source = value as Record<string, unknown>;
  if (source.version !== 1) throw new ValidationError('token.version', 'must be 1');
  const jobId = field(source, 'jobId', true) as string;
  switch (source.vendor) {
    case 'omni': {
      const userId = field(source, 'userId', false);
      const dashboardId = field(source, 'dashboardId', true) as string;
      return { version: 1, vendor: 'omni', jobId, dashboardId, ...(userId ? { userId } : {}) };
    }
    case 'videodb':
      return { version: 1, vendor: 'videodb', jobId };
    case 'closient': {
      const organizationId = field(source, 'organizationId', true) as string;
      const format = source.archiveFormat;
      if (format !== undefined && format !== 'zip' && format !== 'tar.gz') {
        throw new ValidationError('token.archiveFormat', 'must be zip or tar.gz');
      }
      return { version: 1, vendor: 'closient', jobId, organizationId, ...(format ? { archiveFormat: format } : {}) };
    }
    default:
      throw new ValidationError('token.vendor', 'must be omni, videodb or closient');
  }
}

/** A token as one URL-safe word, for a command line (`--resume <token>`). */
export function encodeResumeToken(token: ResumeToken): string {
  const bytes = new TextEncoder().encode(JSON.stringify(token));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads `encodeResumeToken`'s word (or the token's JSON) back, validated. */
export function decodeResumeToken(text: string): ResumeToken {
  const trimmed = text.trim();
  if (trimmed.length > 4096) throw new ValidationError('token', 'is too long to be a resume token');
  try {
    if (trimmed.startsWith('{')) return parseResumeToken(JSON.parse(trimmed));
    const binary = atob(trimmed.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return parseResumeToken(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('token', 'is not a resume token printed by exportkit');
  }
}
