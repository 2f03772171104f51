import type { ServerResponse } from 'node:http';
import { layoutChunks } from '../files/layout.js';
import type { FiredFault } from '../faults/fault-rule.js';
import type { Reply } from './reply.js';

/** The faults that damage a body on the wire rather than replace it. */
export type BodyFault = { fault: 'connection-reset' | 'truncated-body' } | { fault: 'stalled-body'; stallMs?: number };

/** The body fault among the fired ones, if any. */
export function bodyFaultOf(fired: FiredFault | undefined): BodyFault | undefined {
  if (fired?.fault === 'connection-reset' || fired?.fault === 'truncated-body') return { fault: fired.fault };
  if (fired?.fault === 'stalled-body') {
    return { fault: 'stalled-body', ...(fired.stallMs !== undefined ? { stallMs: fired.stallMs } : {}) };
  }
  return undefined;
}

/** How much of a damaged body is sent: half of it, at most 64 KiB, so a huge file fails fast. */
const damagedLength = (size: number) => Math.min(Math.floor(size / 2), 64 * 1024);

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
async function breakConnection(res: ServerResponse, fault: BodyFault): Promise<void> {
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
  const { chunks, size, contentType } = bodyOf(reply);
  const headers: Record<string, string | number> = { ...reply.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (contentType && !has('content-type')) headers['Content-Type'] = contentType;
  if (!has('content-length')) headers['Content-Length'] = size;
  res.writeHead(reply.status, headers);
  if (method === 'HEAD' || reply.status === 204 || reply.status === 304) {
    res.end();
    return;
  }
  if (bodyFault) {
    await writeChunks(res, chunks, damagedLength(size));
    await breakConnection(res, bodyFault);
    return;
  }
  await writeChunks(res, chunks, size);
  if (!res.destroyed) res.end();
}
