import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { ConnectionError } from '../errors/connection-error.js';
import { isExportkitError } from '../errors/exportkit-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { tagBudgetId } from './budget-id.js';
import { redactSecret } from './redact.js';
import { sameOriginFetch } from './same-origin-fetch.js';

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

/** The request's JSON body, parsed from a copy; undefined if it has none (or it is not JSON). */
async function jsonBodyOf(request: Request): Promise<unknown> {
  try {
    return await request.clone().json();
  } catch {
    return undefined;
  }
}

/** A copy of an error response with the key taken out of its body and headers. */
async function redacted(response: Response, apiKey: string): Promise<Response> {
  const text = await response.text();
  const headers = new Headers();
  response.headers.forEach((value, name) => headers.append(name, redactSecret(value, apiKey)));
  const copy = new Response(redactSecret(text, apiKey), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  // A constructed Response has url "", which would drop the request URL
  // from every ApiError built from it (unwrap reads response.url).
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

/**
 * Pre-flight validation, secret redaction and error typing, shared by all
 * vendors. The hooks run on every call, so they return a promise only when
 * they have something to wait for: a JSON body to read before validating,
 * an error body to redact. A status call (no body, a 2xx answer) runs no
 * async code of ours.
 */
function guardMiddleware(definition: VendorDefinition, apiKey: string): Middleware {
  const { validate } = definition;
  const middleware: Middleware = {
    onResponse({ response }) {
      // A vendor that echoes the key in an error body or header must not put
      // it into our errors (ApiError keeps both) or logs. Success bodies are
      // left alone (files can be huge).
      if (response.ok) return undefined;
      return redacted(response, apiKey);
    },
    onError({ error, request }) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
      // Our own refusals (invalid input, a redirect off the API's origin) are final, not connection trouble.
      if (isExportkitError(error)) return error;
      const where = `${request.method} ${request.url.split('?')[0]}`;
      return new ConnectionError(`Could not reach the vendor (${where}): ${redactSecret(String(error), apiKey)}`, {
        cause: error,
      });
    },
  };
  if (validate) {
    middleware.onRequest = ({ request, schemaPath, params }) => {
      const call = (body: unknown): undefined => {
        validate({
          method: request.method,
          schemaPath,
          path: (params.path ?? {}) as Record<string, unknown>,
          query: (params.query ?? {}) as Record<string, unknown>,
          body,
        });
        return undefined;
      };
      // Only a JSON body needs reading (and so a clone of the request, and a wait).
      if (!request.body || !request.headers.get('content-type')?.includes('json')) return call(undefined);
      return jsonBodyOf(request).then(call);
    };
  }
  return middleware;
}

/**
 * Builds a vendor's openapi-fetch client: base URL, auth, User-Agent, and the
 * shared guard middleware. Each vendor package wraps this in its own factory.
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
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const client = createClient<Paths>({
    baseUrl,
    // Every Request the client builds says so from the start, and is sent as
    // it is: sameOriginFetch follows redirects itself, and copies only a
    // Request that does not say 'manual' (a per-call `redirect` option).
    redirect: 'manual',
    // The key travels in a header: it must never follow a redirect off the API's origin.
    fetch: sameOriginFetch(new URL(baseUrl).origin, send),
    headers: {
      ...Object.fromEntries(extra),
      'User-Agent': options.userAgent ? `${options.userAgent} ${ownAgent}` : ownAgent,
      ...auth,
    },
  });
  client.use(guardMiddleware(definition, options.apiKey));
  tagBudgetId(client, options.apiKey);
  return client;
}
