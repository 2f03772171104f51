/** The parts of a vendor error body that every vendor has in some shape. */
export interface VendorErrorFields {
  code?: string;
  message?: string;
  /** The vendor's own verdict (Closient's problem+json `retryable`). */
  retryable?: boolean;
  /** Seconds to wait, from the body (Closient's `retry_after`). */
  retryAfterSeconds?: number;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const seconds = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * Reads the three vendor error shapes into one:
 * - Closient, RFC 9457 problem+json: `{ type, title, status, detail, error_code, retryable, retry_after }`
 * - VideoDB: `{ success: false, message, error_code }`
 * - Omni: `{ error, message }` (and `{ detail, existing_job_id }` on 409)
 * Anything else (an HTML error page, a bare string) yields no fields.
 */
export function readVendorErrorBody(body: unknown): VendorErrorFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const fields: VendorErrorFields = {};
  const code = text(b.error_code) ?? text(b.error);
  const message = text(b.detail) ?? text(b.message) ?? text(b.title);
  const retryAfter = seconds(b.retry_after) ?? seconds(b.retry_after_seconds);
  if (code !== undefined) fields.code = code;
  if (message !== undefined) fields.message = message;
  if (typeof b.retryable === 'boolean') fields.retryable = b.retryable;
  if (retryAfter !== undefined) fields.retryAfterSeconds = retryAfter;
  return fields;
}
