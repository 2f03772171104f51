// A tiny vendor that misbehaves on purpose, on 127.0.0.1: it answers
// Closient's and VideoDB's status calls and serves the file from its own
// "storage" path, with whatever a scenario sets. Raw bodies and headers, so
// a scenario can send what no well-behaved server would (JSON bombs, a body
// longer than announced, names with ../ or NUL).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer to a status call. */
export interface StatusAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

/** What the hostile vendor does; every part has a sane default. */
export interface HostileBehaviour {
  /**
   * Answers every API call (Closient start and poll, VideoDB poll): a body
   * (200, JSON) or a whole answer. `fileUrl` is this server's file; `call`
   * counts the API calls of the scenario from 0.
   */
  status?: (fileUrl: string, call: number) => string | StatusAnswer;
  /** Answers the file request; default: 200 with FILE_BYTES. */
  serveFile?: (res: ServerResponse) => void;
}

/** The file the hostile vendor serves unless a scenario says otherwise. */
export const FILE_BYTES = Buffer.from('exportkit reliability: the bytes of a hostile vendor\n'.repeat(40));

export interface HostileVendor {
  omniBase: string;
  closientBase: string;
  videodbBase: string;
  fileUrl: string;
  /** Every request received, as `METHOD path`. */
  requests: string[];
  set(behaviour: HostileBehaviour): void;
  close(): Promise<void>;
}

export async function startHostileVendor(): Promise<HostileVendor> {
  let behaviour: HostileBehaviour = {};
  const requests: string[] = [];
  let apiCalls = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url?.startsWith('/storage/')) {
      if (behaviour.serveFile) return behaviour.serveFile(res);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FILE_BYTES.length, ETag: '"hostile-v1"' });
      return res.end(FILE_BYTES);
    }
    const answer = behaviour.status?.(fileUrl, apiCalls++) ?? '{}';
    const { status = 200, headers = {}, body } = typeof answer === 'string' ? { body: answer } : answer;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fileUrl = `${origin}/storage/export.bin?signature=hostile`;
  return {
    omniBase: `${origin}/omni`,
    closientBase: `${origin}/closient`,
    videodbBase: `${origin}/videodb`,
    fileUrl,
    requests,
    set(next) {
      behaviour = next;
      requests.length = 0;
      apiCalls = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A finished Closient export as its status call answers it, with `fields` overriding. */
export function closientDone(fileUrl: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: HOSTILE_JOB_ID,
    status: 'completed',
    archive_format: 'zip',
    format_version: '1.0',
    output_filename: 'closient-export.zip',
    file_size_bytes: FILE_BYTES.length,
    download_url: fileUrl,
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    sections: [],
    ...fields,
  };
}

/** A finished VideoDB download (the record shape), with `fields` overriding its `data`. */
export function videodbDone(fileUrl: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: true, data: { id: HOSTILE_JOB_ID, name: 'clip.mp4', status: 'done', download_url: fileUrl, created_at: '2026-01-01T00:00:00Z', ...fields } };
}

/** A valid Closient shortuuid, so the hostile answers are reached past pre-flight validation. */
export const HOSTILE_ORG_ID = 'AcmeFoodsSandboxQrg234';
export const HOSTILE_JOB_ID = 'HostMeJobQrg2345678923';
