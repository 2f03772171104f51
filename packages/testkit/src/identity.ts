import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecordingServer } from './server.js';
import { caught } from './errors.js';
import { echoHeaderInError, expectNoSecret } from './vendor.js';

export interface ClientOptionsForTest {
  apiKey: string;
  baseUrl: string;
  headers?: Record<string, string>;
  userAgent?: string;
}

export interface IdentityCase<C> {
  /** The package's package.json (name and version go into the User-Agent). */
  packageJson: URL;
  /** The vendor's auth header name as the spec declares it, and its value for a key. */
  authHeader: string;
  authValue(apiKey: string): string;
  create(options: ClientOptionsForTest): C;
  /** One successful call; it must throw (via unwrap) on an error status. */
  call(client: C): Promise<unknown>;
  /** The vendor's error body around a message. */
  errorBody(message: string): object;
}

/**
 * The identity tests every vendor client shares, against a real server:
 * auth header, User-Agent, user headers that try to replace the auth, and
 * an API key echoed back in an error body.
 */
export function describeClientIdentity<C>(server: { readonly current: RecordingServer }, c: IdentityCase<C>): void {
  const { name, version } = JSON.parse(readFileSync(c.packageJson, 'utf8')) as { name: string; version: string };
  const apiKey = 'sk-test-0123456789abcdef';
  const make = (extra: Partial<ClientOptionsForTest> = {}) => c.create({ apiKey, baseUrl: server.current.url, ...extra });

  describe(`${name} identity`, () => {
    it(`sends the key in ${c.authHeader} and a User-Agent naming ${name}/${version}`, async () => {
      await c.call(make());
      const { headers } = server.current.last();
      expect(headers[c.authHeader.toLowerCase()]).toBe(c.authValue(apiKey));
      expect(headers['user-agent']).toBe(`${name}/${version}`);
    });

    it('puts the userAgent option in front of its own token', async () => {
      await c.call(make({ userAgent: 'acme-app/2.0' }));
      expect(server.current.last().headers['user-agent']).toBe(`acme-app/2.0 ${name}/${version}`);
    });

    it('sends user headers but never lets them replace the auth header', async () => {
      const lower = c.authHeader.toLowerCase();
      await c.call(make({ headers: { 'X-Trace': 't-1', [lower]: 'evil', [lower.toUpperCase()]: 'evil2' } }));
      const { headers } = server.current.last();
      expect(headers['x-trace']).toBe('t-1');
      // Node joins repeated headers with ", ": exactly one value was sent.
      expect(headers[lower]).toBe(c.authValue(apiKey));
    });

    it('never puts an API key the server echoed back into the error', async () => {
      server.current.respond(echoHeaderInError(401, c.authHeader, c.errorBody));
      const error = await caught(c.call(make()));
      expect((error as { status?: number }).status).toBe(401);
      expect(JSON.stringify((error as { body?: unknown }).body)).toContain('[REDACTED]');
      expectNoSecret(error, apiKey);
    });
  });
}
