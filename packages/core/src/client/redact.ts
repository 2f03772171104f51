/** What stands in for a secret wherever a vendor echoed it back to us. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of `secret` in `text`. Keys shorter than 4
 * characters are not treated as secrets: replacing them would mangle ordinary
 * words, and no vendor issues keys that short.
 */
export function redactSecret(text: string, secret: string): string {
  if (secret.length < 4) return text;
  return text.split(secret).join(REDACTED);
}
