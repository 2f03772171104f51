import { ValidationError } from '../errors/validation-error.js';

// Small assertions that vendor validators compose. Each throws a
// ValidationError naming the field and the rule, so the message says what
// to fix.

export function requireString(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(field, 'must be a non-empty string');
}

export function requirePattern(field: string, value: unknown, pattern: RegExp, description: string): asserts value is string {
  requireString(field, value);
  if (!pattern.test(value)) throw new ValidationError(field, `must be ${description}, got "${preview(value)}"`);
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new ValidationError(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(preview(value))}`);
  }
}

export function requireLength(field: string, value: unknown, min: number, max: number): asserts value is string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new ValidationError(field, `must be a string of ${min} to ${max} characters`);
  }
}

export function requireIntegerInRange(field: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}, got ${JSON.stringify(preview(value))}`);
  }
}

export function requireBoolean(field: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, 'must be true or false');
}

/** Shows at most 40 characters of a bad value, so a huge input does not flood the message. */
function preview(value: unknown): unknown {
  return typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** RFC 9562 UUID text form (any version), as `format: uuid` means. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
