import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const SHORTUUID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A random 22-character shortuuid, Closient's id format. */
export function newShortUuid(): string {
  return [...randomBytes(22)].map((byte) => SHORTUUID_ALPHABET[byte % SHORTUUID_ALPHABET.length]).join('');
}

const checksumOf = (body: string) => crc32(body).toString(36).padStart(7, '0');

/**
 * A Closient key, `csb_<body>_<checksum>`. Closient does not publish its
 * checksum; the sandbox uses base-36 CRC-32 of the body so that a mistyped
 * key is refused like a wrong one.
 */
export function newClosientKey(): string {
  const body = randomBytes(24).toString('base64url').replace(/[-_]/g, 'x');
  return `csb_${body}_${checksumOf(body)}`;
}

export function hasValidChecksum(key: string): boolean {
  const match = /^csb_([A-Za-z0-9]+)_([a-z0-9]+)$/.exec(key);
  return match !== null && checksumOf(match[1] ?? '') === match[2];
}
