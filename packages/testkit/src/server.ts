import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as the test server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent on the request line. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** What the test server answers. An object body is sent as JSON. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | object;
}

export type Responder = (request: RecordedRequest) => Reply;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request received since the last `reset()`, in order. */
  readonly requests: RecordedRequest[];
  /** The most recent request; throws when there was none. */
  last(): RecordedRequest;
  /** Sets the answer to the next requests (a fixed reply or a function of the request). */
  respond(reply: Reply | Responder): void;
  /** Forgets recorded requests and goes back to `200 {}`. */
  reset(): void;
  close(): Promise<void>;
}

/** A request body larger than this is cut off: tests never need more. */
const MAX_BODY_BYTES = 1 << 20;

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res: import('node:http').ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Uint8Array | undefined;
  if (typeof reply.body === 'string' || reply.body instanceof Uint8Array) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}

/**
 * Starts a real `node:http` server on 127.0.0.1 (ephemeral port) that records
 * every request and answers what the test told it to. The caller closes it.
 */
export async function startRecordingServer(initial: Reply | Responder = { body: {} }): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = typeof initial === 'function' ? initial : () => initial;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        pathname: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        text,
        json: parseJson(text),
      };
      requests.push(recorded);
      try {
        send(res, responder(recorded));
      } catch (error) {
        send(res, { status: 599, body: { testServerError: String(error) } });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    last() {
      const request = requests.at(-1);
      if (!request) throw new Error('the test server received no request');
      return request;
    },
    respond(reply) {
      responder = typeof reply === 'function' ? reply : () => reply;
    },
    reset() {
      requests.length = 0;
      responder = () => ({ body: {} });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Registers a recording server for the enclosing `describe` (or file):
 * started before its tests, reset before each, closed after all.
 */
export function useRecordingServer(): { readonly current: RecordingServer } {
  const holder: { current: RecordingServer | undefined } = { current: undefined };
  beforeAll(async () => {
    holder.current = await startRecordingServer();
  });
  beforeEach(() => holder.current?.reset());
  afterAll(async () => {
    await holder.current?.close();
  });
  return {
    get current(): RecordingServer {
      if (!holder.current) throw new Error('the recording server is not started yet');
      return holder.current;
    },
  };
}
