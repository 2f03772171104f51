import { PlannedRequest, type OutgoingRequest } from './planned-request.js';
import type { OutgoingCall } from './vendor-client.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** The parts of a call's init the validator and the guard read (openapi-fetch's FetchOptions, loosely). */
interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  fetch?: (request: Request) => Promise<Response>;
  Request?: unknown;
  middleware?: unknown[];
  bodySerializer?: unknown;
}

/** How the front of the methods sends what it let through. */
export interface CallFront {
  /** Throws ValidationError for input the spec forbids. */
  validate: ((call: OutgoingCall) => void) | undefined;
  /** Wraps a per-call `fetch` the way the client's own fetch is wrapped. */
  guard: (send: (request: Request) => Promise<Response>) => (request: OutgoingRequest) => Promise<Response>;
  /** Whether the client's own fetch is the global one (planned calls go to it alone). */
  globalFetch: boolean;
  /** Whether middleware is registered on the client now. */
  hasMiddleware: () => boolean;
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
 *
 * A call that nothing but our own fetch will see is planned (see
 * PlannedRequest): sent as one `fetch(url, init)`, not as a Request that
 * fetch copies into another.
 */
export function validateCalls(client: object, front: CallFront): void {
  const methods = client as Record<string, unknown>;
  const checked = (method: string, url: string, init: CallInit | undefined): CallInit | undefined => {
    front.validate?.({ method, schemaPath: url, path: init?.params?.path ?? {}, query: init?.params?.query ?? {}, body: asSent(init?.body) });
    if (init?.fetch) return { ...init, fetch: front.guard(init.fetch) };
    return plannable(init) ? { ...init, Request: PlannedRequest } : init;
  };
  /** No middleware, no Request class, body serializer or fetch of the caller's, and a body that is sent as JSON text or is absent. */
  const plannable = (init: CallInit | undefined): boolean =>
    front.globalFetch &&
    !front.hasMiddleware() &&
    (init === undefined ||
      (init.Request === undefined &&
        init.bodySerializer === undefined &&
        !init.middleware?.length &&
        (init.body === undefined || init.body === null || sentAsJson(init.body))));
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
  if (body === undefined || body === null || !sentAsJson(body)) return undefined;
  return typeof body === 'object' ? (JSON.parse(JSON.stringify(body)) as unknown) : body;
}

/** Whether openapi-fetch's serializer sends a (present) body as JSON text: a primitive, a plain object or an array. */
function sentAsJson(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return true;
  const prototype = Object.getPrototypeOf(body) as unknown;
  return Array.isArray(body) || prototype === Object.prototype || prototype === null;
}
