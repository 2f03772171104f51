// A caller's abort must reach the request on the wire even after a garbage
// collection. undici's `new Request(input, init)` (and `request.clone()`)
// follows the input's signal only through a WeakRef to its own
// AbortController: once nothing holds the copy, a GC cuts the link, and the
// caller's abort no longer reaches the fetch in flight, which then hangs.
// A real server on 127.0.0.1 that never answers (or never finishes a body),
// and a forced GC between sending and aborting.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClient, type VendorDefinition } from '../src/index.js';

// vitest's workers are not started with --expose-gc; turning the flag on at
// run time and reading `gc` from a fresh context gives the same function.
setFlagsFromString('--expose-gc');
const gc = (globalThis.gc ?? runInNewContext('gc')) as () => void;

interface TestPaths {
  '/hang': { get: { responses: { 200: { content: { 'application/json': unknown } } } } };
  '/moved': {
    get: { responses: { 200: { content: { 'application/json': unknown } } } };
    post: {
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { content: { 'application/json': unknown } } };
    };
  };
  '/half-body': { get: { responses: { 200: { content: { 'application/json': unknown } } } } };
}

const definition: VendorDefinition = {
  packageName: '@exportkit/test-vendor',
  version: '1.0.0',
  defaultBaseUrl: 'https://vendor.example.test',
  authHeaders: (apiKey) => ({ 'X-API-Key': apiKey }),
  validate() {},
};

let server: Server;
let baseUrl: string;
/** Unanswered requests the client closed (the server never ends one). */
let closedByClient = 0;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    if (request.url === '/moved') {
      response.writeHead(307, { Location: '/hang' }).end();
      return;
    }
    // '/hang' is never answered, '/half-body' never finished.
    open.add(response);
    response.on('close', () => {
      open.delete(response);
      closedByClient++;
    });
    if (request.url === '/half-body') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"partial":');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

/** Several full collections, with turns of the event loop between them (FinalizationRegistry callbacks run there). */
async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How `promise` ended, or 'still pending' if not within `ms`. */
async function outcome(promise: Promise<unknown>, ms = 2_000): Promise<string> {
  const timer = new Promise<string>((resolve) => setTimeout(() => resolve('still pending'), ms).unref());
  return Promise.race([promise.then(() => 'settled', (error: unknown) => (error as Error).name), timer]);
}

/** Waits until the server holds `count` requests it will not answer. */
async function untilServerHolds(count: number): Promise<void> {
  for (let i = 0; i < 200 && open.size < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(open.size).toBeGreaterThanOrEqual(count);
}

/** The server saw the connection of an unanswered request closed: the abort reached the wire. */
async function expectClosedSince(before: number): Promise<void> {
  for (let i = 0; i < 200 && closedByClient === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(closedByClient).toBeGreaterThan(before);
}

const client = () => createVendorClient<TestPaths>(definition, { apiKey: 'sk-abort-after-gc-0123', baseUrl });

/**
 * Starts an unanswered call, forces a GC while the server holds it, then
 * aborts: the call must reject with AbortError and its connection close.
 */
async function expectAbortAfterGc(start: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const controller = new AbortController();
  const before = closedByClient;
  const call = start(controller.signal);
  await untilServerHolds(1);
  await collect();
  controller.abort();
  expect(await outcome(call)).toBe('AbortError');
  await expectClosedSince(before);
}

describe("the caller's abort reaches the request after a GC", () => {
  it('on the first request', () => expectAbortAfterGc((signal) => client().GET('/hang', { signal })));

  it('on a redirect hop (GET, 307 within the origin)', () => expectAbortAfterGc((signal) => client().GET('/moved', { signal })));

  it('on a redirect hop that re-sends a body (POST, 307)', () =>
    expectAbortAfterGc((signal) => client().POST('/moved', { body: { name: 'n' }, signal })));

  it('on a request whose Request was built with redirect "follow" (copied by the guard)', () =>
    expectAbortAfterGc((signal) => client().GET('/moved', { signal, redirect: 'follow' })));

  it('while a streamed body is still arriving', async () => {
    const controller = new AbortController();
    const before = closedByClient;
    const { data } = await client().GET('/half-body', { signal: controller.signal, parseAs: 'stream' });
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the first chunk; the rest never comes
    await collect();
    controller.abort();
    expect(await outcome(reader.read())).toBe('AbortError');
    // The connection itself was cut, not just the stream errored.
    await expectClosedSince(before);
  });
});
