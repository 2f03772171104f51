// Servers for the redirect scenarios, on 127.0.0.1: a front for the sandbox's
// API origin that answers chosen requests with a redirect and passes the rest
// through, and a "stranger" origin that records every request it receives
// (headers included) and can redirect onwards.
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Redirect {
  status: number;
  location: string;
}

export interface RecordedCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestOrigin {
  origin: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, calls: RecordedCall[]): Promise<TestOrigin> {
  const server = createServer((req, res) => {
    calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function redirect(res: ServerResponse, to: Redirect): void {
  res.writeHead(to.status, { Location: to.location, 'Content-Length': 0 });
  res.end();
}

/** A front for `upstream` (an origin): `rule` may answer a request with a redirect; everything else is passed through. */
export async function startRedirectingFront(
  upstream: string,
  rule: (req: { method: string; path: string; origin: string }) => Redirect | undefined,
): Promise<TestOrigin> {
  const target = new URL(upstream);
  let origin = '';
  const front = await listen((req, res) => {
    const to = rule({ method: req.method ?? '', path: req.url ?? '', origin });
    if (to) {
      req.resume();
      return redirect(res, to);
    }
    const upstreamRequest = forward(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', () => res.destroy());
    req.pipe(upstreamRequest);
  }, []);
  origin = front.origin;
  return front;
}

/** An origin that is not the vendor's: records what reaches it; answers `next` (a redirect) or 404. */
export function startStranger(next?: (path: string) => Redirect | undefined): Promise<TestOrigin> {
  return listen((req, res) => {
    req.resume();
    const to = next?.(req.url ?? '');
    if (to) return redirect(res, to);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"nothing here"}');
  }, []);
}

/** How many requests an origin received that carried `key` anywhere (URL or any header). */
export function requestsCarrying(origin: TestOrigin, key: string): number {
  return origin.calls.filter((call) => `${call.url}\n${JSON.stringify(call.headers)}`.includes(key)).length;
}
