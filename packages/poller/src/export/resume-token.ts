import { ValidationError } from '@exportkit/core';

/**
 * What a process needs to pick a job up again: the vendor, the job id and the
 * request context its status and file calls need (each vendor adapter
 * declares and checks its own fields). Never the API key: a token is printed,
 * logged and stored, and the resuming process brings its own client.
 */
export interface ResumeToken {
  version: 1;
  vendor: string;
  jobId: string;
  [field: string]: string | 1 | undefined;
}

const MAX_FIELD = 512;
const MAX_FIELDS = 16;

/** A token field that came from outside: a non-empty, bounded string without control characters. */
export function tokenField(source: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = source[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > MAX_FIELD || /[\u0000-\u001f]/.test(value)) {
    throw new ValidationError(`token.${name}`, 'must be a non-empty string without control characters');
  }
  return value;
}

/** Checks the shape every token shares before any request uses it; the vendor's adapter checks its own fields. */
export function parseResumeToken(value: unknown): ResumeToken {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError('token', 'must be an object');
  const source = value as Record<string, unknown>;
  if (source.version !== 1) throw new ValidationError('token.version', 'must be 1');
  const entries = Object.keys(source);
  if (entries.length > MAX_FIELDS) throw new ValidationError('token', `has more than ${MAX_FIELDS} fields`);
  const token: ResumeToken = { version: 1, vendor: tokenField(source, 'vendor', true) as string, jobId: tokenField(source, 'jobId', true) as string };
  for (const name of entries) {
    if (name !== 'version' && source[name] !== undefined) token[name] = tokenField(source, name, true);
  }
  return token;
}

/** A token as one URL-safe word, for a command line (`--resume <token>`). */
export function encodeResumeToken(token: ResumeToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

/** Reads `encodeResumeToken`'s word (or the token's JSON) back, checked. */
export function decodeResumeToken(text: string): ResumeToken {
  const trimmed = text.trim();
  if (trimmed.length > 4096) throw new ValidationError('token', 'is too long to be a resume token');
  try {
    const json = trimmed.startsWith('{') ? trimmed : Buffer.from(trimmed, 'base64url').toString('utf8');
    return parseResumeToken(JSON.parse(json));
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('token', 'is not a resume token printed by exportkit');
  }
}
