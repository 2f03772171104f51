import type { ServerResponse } from 'node:http';
import { layoutChunks } from '../files/layout.js';
import type { FiredFault } from '../faults/fault-rule.js';
import type { Reply } from './reply.js';

/** How a body is damaged on the wire: cut partway (after `bodyBytes`, or by default half of it), or sent with more than it holds. */
export type BodyFault =
  | { fault: 'connection-reset' | 'truncated-body'; bodyBytes?: number }
  | { fault: 'stalled-body'; stallMs?: number; bodyBytes?: number }
  | { fault: 'silent-answer'; stallMs?: number }
  | { fault: 'overlong-body' };

/** The body fault among the fired ones, if any. */
export function bodyFaultOf(fired: FiredFault | undefined): BodyFault | undefined {
  const cutAt = fired?.bodyBytes !== undefined ? { bodyBytes: fired.bodyBytes } : {};
  if (fired?.fault === 'connection-reset' || fired?.fault === 'truncated-body') return { fault: fired.fault, ...cutAt };
  // The other version's body stops partway: the client holds part of a file that no longer exists.
  if (fired?.fault === 'stalled-body' || fired?.fault === 'replaced-mid-transfer') {
    return { fault: 'stalled-body', ...(fired.stallMs !== undefined ? { stallMs: fired.stallMs } : {}), ...cutAt };
  }
  if (fired?.fault === 'overlong-body') return { fault: 'overlong-body' };
  if (fired?.fault === 'silent-answer') return { fault: 'silent-answer', ...(fired.stallMs !== undefined ? { stallMs: fired.stallMs } : {}) };
  return undefined;
}

/** How much of a damaged body is sent: the rule's bodyBytes, else half of it, at most 64 KiB, so a huge file fails fast. */
const damagedLength = (size: number, bodyBytes: number | undefined) =>
  bodyBytes !== undefined ? Math.min(bodyBytes, size) : Math.min(Math.floor(size / 2), 64 * 1024);

/** What the `overlong-body` fault sends after the file's last byte. */
const OVERLONG_TAIL = Buffer.alloc(1024, 0x2a);

/** The first `limit` bytes of a body as one buffer. */
function prefixOf(chunks: Iterable<Buffer>, limit: number): Buffer {
  const parts: Buffer[] = [];
  let taken = 0;
  for (const chunk of chunks) {
    if (taken >= limit) break;
    const piece = taken + chunk.length > limit ? chunk.subarray(0, limit - taken) : chunk;
    parts.push(piece);
    taken += piece.length;
  }
  return Buffer.concat(parts);
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function writeChunks(res: ServerResponse, chunks: Iterable<Buffer>, limit: number): Promise<void> {
  let written = 0;
  for (const chunk of chunks) {
    if (res.destroyed || written >= limit) return;
    const piece = written + chunk.length > limit ? chunk.subarray(0, limit - written) : chunk;
    written += piece.length;
    if (!res.write(piece)) await waitForDrainOrClose(res);
  }
}

/** Sends a damaged body's first part, then breaks the connection the way the fault says. */
async function breakConnection(res: ServerResponse, fault: Exclude<BodyFault, { fault: 'overlong-body' | 'silent-answer' }>): Promise<void> {
  const socket = res.socket;
  if (!socket) return;
  // Let the partial body reach the client before the connection breaks.
  await new Promise<void>((resolve) => res.write('', () => resolve()));
  if (fault.fault === 'connection-reset') {
    socket.resetAndDestroy();
  } else if (fault.fault === 'truncated-body') {
    socket.end();
  } else if (fault.fault === 'stalled-body' && fault.stallMs !== undefined) {
    const timer = setTimeout(() => socket.destroy(), fault.stallMs);
    socket.once('close', () => clearTimeout(timer));
  }
  // A stall without stallMs lasts until the client gives up or the sandbox closes.
}

function bodyOf(reply: Reply): { chunks: Iterable<Buffer>; size: number; contentType?: string } {
  if (reply.file) {
    const { layout, start, end } = reply.file;
    return { chunks: layoutChunks(layout, start, end), size: end - start };
  }
  if (reply.json !== undefined) {
    const bytes = Buffer.from(JSON.stringify(reply.json));
    return { chunks: [bytes], size: bytes.length, contentType: 'application/json' };
  }
  const bytes = Buffer.from(reply.text ?? '');
  return { chunks: [bytes], size: bytes.length };
}

/** Writes a reply (streaming files with backpressure), damaged by a body fault if one fired. */
export async function writeReply(res: ServerResponse, reply: Reply, method: string, bodyFault?: BodyFault): Promise<void> {
  if (bodyFault?.fault === 'silent-answer') {
    // Not a byte: the client waits for a status line that never comes.
    const socket = res.socket;
    if (socket && bodyFault.stallMs !== undefined) {
      const timer = setTimeout(() => socket.destroy(), bodyFault.stallMs);
      socket.once('close', () => clearTimeout(timer));
    }
    return;
  }
  const { chunks, size, contentType } = bodyOf(reply);
  const headers: Record<string, string | number> = { ...reply.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (contentType && !has('content-type')) headers['Content-Type'] = contentType;
  // Without a length Node sends the body chunked: the client cannot tell where it should end.
  if (!has('content-length') && bodyFault?.fault !== 'overlong-body') headers['Content-Length'] = size;
  res.writeHead(reply.status, headers);
  if (method === 'HEAD' || reply.status === 204 || reply.status === 304) {
    res.end();
    return;
  }
  if (bodyFault?.fault === 'overlong-body') {
    await writeChunks(res, chunks, size);
    if (!res.destroyed) res.end(OVERLONG_TAIL);
    return;
  }
  if (bodyFault) {
    // One write, so the client receives the part it gets as a whole (a test can cut at an exact byte).
    const prefix = prefixOf(chunks, damagedLength(size, bodyFault.bodyBytes));
    if (prefix.length > 0 && !res.write(prefix)) await waitForDrainOrClose(res);
    await breakConnection(res, bodyFault);
    return;
  }
  await writeChunks(res, chunks, size);
  if (!res.destroyed) res.end();
}
