import createClient, { type Client } from 'openapi-fetch';
import { ValidationError } from '../errors/validation-error.js';
import { tagBudgetId } from './budget-id.js';
import { guardFetch } from './guard-fetch.js';
import { PlannedRequest, type OutgoingRequest } from './planned-request.js';
import { followMiddleware } from './registered-middleware.js';
import { sameOriginFetch } from './same-origin-fetch.js';
import { validateCalls } from './validate-calls.js';

/** Options every vendor factory takes (`createOmniClient`, ...). */
export interface VendorClientOptions {
  /** The vendor API key. Sent only to `baseUrl`, in the vendor's auth header. */
  apiKey: string;
  /** The API root, as in the spec's `servers` (defaults to the vendor's production server). */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global one). It is called with `redirect: 'manual'`: redirects are followed by exportkit, within the API's origin only. */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers sent with every request. They cannot replace the auth header. */
  headers?: Record<string, string>;
  /** Your product's token, prepended to the User-Agent (`my-app/1.2`). */
  userAgent?: string;
}

/** A request as the pre-flight validator sees it: before anything is sent. */
export interface OutgoingCall {
  method: string;
  /** The spec path with its braces, e.g. `/download/{download_id}`. */
  schemaPath: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** What a vendor package tells the shared factory about its vendor. */
export interface VendorDefinition {
  /** npm package name and version, for the User-Agent. */
  packageName: string;
  version: string;
  defaultBaseUrl: string;
  /** The vendor's auth header(s) for a key. */
  authHeaders(apiKey: string): Record<string, string>;
  /** Throws ValidationError for input the spec forbids. */
  validate?(call: OutgoingCall): void;
}

function checkOptions(options: VendorClientOptions, definition: VendorDefinition): string {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new ValidationError('apiKey', 'a non-empty API key is required');
  }
  if (/[\r\n]/.test(options.apiKey)) throw new ValidationError('apiKey', 'must not contain line breaks');
  const baseUrl = options.baseUrl ?? definition.defaultBaseUrl;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ValidationError('baseUrl', `"${baseUrl}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ValidationError('baseUrl', `must be http(s), got ${parsed.protocol}`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/**
 * Builds a vendor's openapi-fetch client: base URL, auth, User-Agent, the
 * pre-flight validation and the guarded fetch. Each vendor package wraps this in its own factory.
 */
export function createVendorClient<Paths extends {}>(
  definition: VendorDefinition,
  options: VendorClientOptions,
): Client<Paths> {
  const baseUrl = checkOptions(options, definition);
  const ownAgent = `${definition.packageName}/${definition.version}`;
  const auth = definition.authHeaders(options.apiKey);
  const authNames = new Set(Object.keys(auth).map((name) => name.toLowerCase()));
  // Drop user headers that would shadow or duplicate the auth header in
  // another letter case.
  const extra = Object.entries(options.headers ?? {}).filter(([name]) => !authNames.has(name.toLowerCase()));
  const origin = new URL(baseUrl).origin;
  // The key travels in a header: it must never follow a redirect off the
  // API's origin, and what comes back must not carry it into our errors.
  const guarded = (send: (request: OutgoingRequest) => Promise<Response>) => guardFetch(options.apiKey, sameOriginFetch(origin, send));
  const client = createClient<Paths>({
    baseUrl,
    // Every Request the client builds says so from the start, and is sent as
    // it is: sameOriginFetch follows redirects itself, and copies only a
    // Request that does not say 'manual' (a per-call `redirect` option).
    redirect: 'manual',
    fetch: guarded(options.fetch ? asRequests(options.fetch) : sendGlobally),
    headers: {
      ...Object.fromEntries(extra),
      'User-Agent': options.userAgent ? `${options.userAgent} ${ownAgent}` : ownAgent,
      ...auth,
    },
  });
  // No middleware of ours: the checks sit in front of the methods and
  // around the fetch, so a status call runs through no middleware loop.
  validateCalls(client, {
    validate: definition.validate,
    guard: (send) => guarded(asRequests(send)),
    globalFetch: options.fetch === undefined,
    hasMiddleware: followMiddleware(client),
  });
  tagBudgetId(client, options.apiKey);
  return client;
}

/** The global fetch: a planned call as one `fetch(url, init)`, a Request as it is. */
function sendGlobally(request: OutgoingRequest): Promise<Response> {
  return request instanceof PlannedRequest ? request.send() : fetch(request);
}

/**
 * A caller's fetch sees Requests only, as openapi-fetch promises: calls to
 * it are never planned, and a planned call that reached it anyway would be
 * built into one here rather than handed over as something it cannot read.
 */
function asRequests(send: (request: Request) => Promise<Response>): (request: OutgoingRequest) => Promise<Response> {
  return (request) => send(request instanceof PlannedRequest ? new Request(request.url, request.init) : request);
}
