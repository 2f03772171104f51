import { VirtualTime } from '@exportkit/testkit/virtual-time';
import { createHash } from 'node:crypto';

/** Fetches a URL and hashes its body as it streams, keeping nothing. */
export async function downloadAndHash(url: string, init?: RequestInit): Promise<{ status: number; size: number; sha256: string; headers: Headers }> {
  const response = await fetch(url, init);
  const hash = createHash('sha256');
  let size = 0;
  const reader = response.body?.getReader();
  // Ends when the body does (or throws when the connection breaks).
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    hash.update(read.value);
    size += read.value.length;
  }
  return { status: response.status, size, sha256: hash.digest('hex'), headers: response.headers };
}

/** A clock a test moves by hand, so jobs finish when the test says: the one virtual clock, never driven. */
export function manualClock(start = Date.parse('2025-06-01T12:00:00Z')) {
  const time = new VirtualTime(start);
  return { now: time.clock, advance: (ms: number) => time.advance(ms) };
}
