import { expect } from 'vitest';
import { caught, errorText } from './errors.js';
import type { RecordingServer, Reply, Responder } from './server.js';

/**
 * Runs a call that the client must refuse before sending: asserts a
 * ValidationError naming `field`, and that the server received nothing.
 */
export async function expectRefusedBeforeSending(
  server: RecordingServer,
  action: () => Promise<unknown>,
  field: string,
): Promise<Error & { field: string; rule: string }> {
  const error = (await caught(action)) as Error & { field: string; rule: string };
  expect(error.name).toBe('ValidationError');
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
  expect(error.rule.length).toBeGreaterThan(0);
  expect(server.requests).toHaveLength(0);
  return error;
}

/** Answers `reply`, runs `action` (which must throw) and returns what it threw. */
export async function errorFor(server: RecordingServer, reply: Reply, action: () => Promise<unknown>): Promise<unknown> {
  server.respond(reply);
  return caught(action);
}

/** An error responder that echoes the value of request header `header` in its body and a header, as a careless vendor might. */
export function echoHeaderInError(status: number, header: string, shape: (echoed: string) => object): Responder {
  return (request) => {
    const echoed = `received credentials ${String(request.headers[header.toLowerCase()])}`;
    return { status, headers: { 'x-debug-echo': echoed }, body: shape(echoed) };
  };
}

/** Asserts that `secret` appears nowhere in the error's message, stack, body or fields. */
export function expectNoSecret(error: unknown, secret: string): void {
  expect(error).toBeInstanceOf(Error);
  expect(errorText(error)).not.toContain(secret);
  expect(JSON.stringify((error as { body?: unknown }).body ?? null)).not.toContain(secret);
  const headers = (error as { headers?: Headers }).headers;
  expect(headers ? JSON.stringify([...headers]) : '').not.toContain(secret);
}
