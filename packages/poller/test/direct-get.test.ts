// The direct GET behind signed-URL downloads: HTTP/1.1 framing (length,
// chunked, close), answers it must refuse, pauses when the reader holds every
// page, abort, and HTTPS (on Node versions that can trust a test CA). The
// servers are real sockets on 127.0.0.1: node:http where a well-formed answer
// is wanted, a raw `net` server for the bytes node:http would never send.
import { ConnectionError } from '@exportkit/core';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directGet } from '../src/download/direct-get.js';
import type { FileResponse } from '../src/download/file-response.js';

type AnyServer = Server | ReturnType<typeof createNetServer>;
const servers: AnyServer[] = [];
/** Sockets of the raw servers, which have no closeAllConnections. */
const rawSockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of rawSockets) socket.destroy();
  rawSockets.clear();
  for (const server of servers.splice(0)) {
    (server as Server).closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: AnyServer): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function httpServer(handler: RequestListener): Promise<URL> {
  return new URL(`http://127.0.0.1:${await listen(createHttpServer(handler))}/file.bin?X-Signature=secret`);
}

/** A server that answers every request with exactly these bytes, written in the given pieces. */
async function rawServer(pieces: Array<string | Buffer>, then: 'close' | 'hang' = 'close'): Promise<URL> {
  const server = createNetServer((socket) => {
    rawSockets.add(socket);
    socket.once('data', async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (then === 'close') socket.end();
    });
    socket.on('error', () => undefined);
  });
  return new URL(`http://127.0.0.1:${await listen(server)}/file.bin`);
}

/** Reads the whole body, releasing each chunk as a writer would. */
async function readAll(response: FileResponse): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of response.chunks()) {
    parts.push(Buffer.from(chunk));
    response.release(chunk);
  }
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('directGet', () => {
  it('reads a Content-Length body byte for byte, sending only the given headers', async () => {
    const body = randomBytes(3_000_000);
    let seen: Record<string, string | string[] | undefined> = {};
    const url = await httpServer((request, response) => {
      seen = request.headers;
      response.writeHead(200, { 'Content-Length': body.length, ETag: '"v1"' }).end(body);
    });
    const response = await directGet(url, { Range: 'bytes=0-' }, undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(sha256(await readAll(response))).toBe(sha256(body));
    expect(seen.range).toBe('bytes=0-');
    expect(seen.host).toBe(url.host);
    expect(Object.keys(seen).sort()).toEqual(['connection', 'host', 'range']);
  });

  it('reads a chunked body, its framing removed, across many small chunks and page boundaries', async () => {
    const body = randomBytes(2_500_000);
    const url = await httpServer(async (_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      // Odd sizes, so chunk-size lines fall everywhere in the reads.
      for (let at = 0; at < body.length; at += 77_777) {
        response.write(body.subarray(at, at + 77_777));
        if (at % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      response.end();
    });
    const response = await directGet(url, {}, undefined);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(sha256(await readAll(response))).toBe(sha256(body));
  });

  it('reads a body framed by the connection closing, and a head split across reads', async () => {
    const url = await rawServer(['HTTP/1.1 200 OK\r\nCont', 'ent-Type: text/plain\r\n', '\r\nhello ', 'world']);
    const response = await directGet(url, {}, undefined);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect((await readAll(response)).toString()).toBe('hello world');
  });

  it('skips a 103 Early Hints answer before the real one', async () => {
    const url = await rawServer(['HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']);
    const response = await directGet(url, {}, undefined);
    expect(response.status).toBe(200);
    expect((await readAll(response)).toString()).toBe('ok');
  });

  it('fails with a retryable ConnectionError when the body is cut short', async () => {
    const url = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', 'only forty bytes of the hundred promised']);
    const response = await directGet(url, {}, undefined);
    const error = await readAll(response).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).retryable).toBe(true);
  });

  it.each([
    ['an invalid Content-Length', 'Content-Length: 12abc'],
    ['two different Content-Lengths', 'Content-Length: 2\r\nContent-Length: 3'],
    ['a Transfer-Encoding it cannot frame', 'Transfer-Encoding: gzip, chunked'],
  ])('refuses %s, naming it, with no secret in the message', async (_, header) => {
    const url = await rawServer([`HTTP/1.1 200 OK\r\n${header}\r\n\r\nok`]);
    url.search = '?X-Signature=secret';
    const error = await directGet(url, {}, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/Content-Length|CONTENT_LENGTH|Transfer-Encoding/);
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses an answer that is not HTTP', async () => {
    const url = await rawServer(['SSH-2.0-OpenSSH_9.2\r\n\r\n']);
    await expect(directGet(url, {}, undefined)).rejects.toThrow(/not valid HTTP\/1.1/);
  });

  it('refuses a request header that could end its line, before connecting', async () => {
    let connections = 0;
    const url = await httpServer((_, response) => {
      connections++;
      response.end();
    });
    await expect(directGet(url, { 'If-Range': '"v1"\r\nX-Injected: 1' }, undefined)).rejects.toThrow(TypeError);
    expect(connections).toBe(0);
  });

  it('pauses the socket while the reader holds every page, and loses nothing when it lets go', async () => {
    const body = randomBytes(24 << 20);
    const url = await httpServer((_, response) => response.writeHead(200, { 'Content-Length': body.length }).end(body));
    const response = await directGet(url, {}, undefined);
    const held: Uint8Array[] = [];
    const parts: Buffer[] = [];
    let heldBytes = 0;
    let mostHeld = 0;
    for await (const chunk of response.chunks()) {
      parts.push(Buffer.from(chunk));
      held.push(chunk);
      heldBytes += chunk.length;
      mostHeld = Math.max(mostHeld, heldBytes);
      // Let go of everything only every 6 MiB: the reader runs out of pages in between.
      if (heldBytes >= 6 << 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        for (const one of held.splice(0)) response.release(one);
        heldBytes = 0;
      }
    }
    expect(sha256(Buffer.concat(parts))).toBe(sha256(body));
    // The pages bound what the socket could hand over unreleased: 8 MiB, never the 24 MiB sent.
    expect(mostHeld).toBeLessThanOrEqual(8 << 20);
  });

  it('stops at once on abort, with the signal’s reason', async () => {
    const url = await rawServer(['HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n', 'some bytes'], 'hang');
    const controller = new AbortController();
    const response = await directGet(url, {}, controller.signal);
    const reading = readAll(response).catch((e: unknown) => e);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await reading).toBe(reason);
  });

  it('gives the answer as a web Response whose body is a copy (pages go back as it is read)', async () => {
    const body = randomBytes(9 << 20);
    const url = await httpServer((_, response) => response.writeHead(200, { 'Content-Length': body.length }).end(body));
    const response = (await directGet(url, {}, undefined)).toResponse();
    expect(response.url).toBe(url.href);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(body));
  });

  // Trusting a test CA at run time needs tls.setDefaultCACertificates (Node ≥ 22.15); CI's Node 24 pass runs this.
  /** Node ≥ 22.15's CA store calls, missing from @types/node 20. */
  const caStore = tls as unknown as { getCACertificates?(kind: 'default'): string[]; setDefaultCACertificates?(certs: string[]): void };
  const canTrustTestCa = typeof caStore.setDefaultCACertificates === 'function';
  it.runIf(canTrustTestCa)('reads over HTTPS, checking the certificate for the host name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exportkit-tls-'));
    const defaults = caStore.getCACertificates!('default');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const body = randomBytes(2 << 20);
      const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_, response) => response.writeHead(200, { 'Content-Length': body.length }).end(body));
      const port = await listen(server);
      caStore.setDefaultCACertificates!([...defaults, cert]);
      const response = await directGet(new URL(`https://localhost:${port}/file.bin`), {}, undefined);
      expect(sha256(await readAll(response))).toBe(sha256(body));
      // The same certificate does not vouch for 127.0.0.1: refused, as a connection failure.
      await expect(directGet(new URL(`https://127.0.0.1:${port}/file.bin`), {}, undefined)).rejects.toBeInstanceOf(ConnectionError);
    } finally {
      caStore.setDefaultCACertificates!(defaults);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
