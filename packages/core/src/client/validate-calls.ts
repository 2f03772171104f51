import type { OutgoingCall } from './vendor-client.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** The parts of a call's init the validator and the guard read (openapi-fetch's FetchOptions, loosely). */
interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  fetch?: (request: Request) => Promise<Response>;
}

type CoreFetch = (url: string, init?: CallInit) => Promise<unknown>;

/**
 * Puts the pre-flight check in front of every method of an openapi-fetch
 * client (GET, POST, ..., and `request`): the validator sees the spec path,
 * the params and the body as the caller gave them, and a call it refuses
 * rejects before a Request is even built. Checking here rather than in a
 * middleware costs one function call: no Request clone, no JSON parse of the
 * body just sent, no middleware loop.
 *
 * `guard` wraps a per-call `fetch` option the way the client's own fetch is
 * wrapped, so that no call can side-step the redirect rule or the redaction.
 */
export function validateCalls(
  client: object,
  validate: ((call: OutgoingCall) => void) | undefined,
  guard: (send: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>,
): void {
  const methods = client as Record<string, unknown>;
  const checked = (method: string, url: string, init: CallInit | undefined): CallInit | undefined => {
    validate?.({
      method,
      schemaPath: url,
      path: init?.params?.path ?? {},
      query: init?.params?.query ?? {},
      body: asSent(init?.body),
    });
    return init?.fetch ? { ...init, fetch: guard(init.fetch) } : init;
  };
  /** Checks the call, then hands it on; openapi-fetch's methods never throw, they reject, and so does a refusal. */
  const send = (method: string, url: string, init: CallInit | undefined, onward: (sent: CallInit | undefined) => Promise<unknown>) => {
    let sent: CallInit | undefined;
    try {
      sent = checked(method, url, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return onward(sent);
  };
  for (const method of METHODS) {
    const original = methods[method] as CoreFetch;
    methods[method] = (url: string, init?: CallInit) => send(method, url, init, (sent) => original(url, sent));
  }
  const request = methods.request as (method: string, url: string, init?: CallInit) => Promise<unknown>;
  methods.request = (method: string, url: string, init?: CallInit) =>
    send(method.toUpperCase(), url, init, (sent) => request(method, url, sent));
}

/**
 * The body as the vendor will read it: a plain object or array goes through
 * JSON as openapi-fetch's serializer sends it (an `undefined` field is not
 * sent, a Date becomes its string), so the validator judges what is sent.
 * Anything else (FormData, a Blob, a stream) is not JSON: the validator gets
 * undefined, as it did when it read the sent body back.
 */
function asSent(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object') return body;
  const prototype = Object.getPrototypeOf(body) as unknown;
  if (!Array.isArray(body) && prototype !== Object.prototype && prototype !== null) return undefined;
  return JSON.parse(JSON.stringify(body)) as unknown;
}
