import { ConnectionError } from '../errors/connection-error.js';
import { isExportkitError } from '../errors/exportkit-error.js';
import { urlForErrors } from '../http/url-for-errors.js';
import type { OutgoingRequest } from './planned-request.js';
import { redactSecret } from './redact.js';

/**
 * The client's fetch, wrapped so that what comes back is safe to keep: an
 * error answer with the key taken out of its body and headers (a vendor that
 * echoes the key must not put it into our errors or logs), and a request
 * that never got an answer typed as a ConnectionError. Success answers are
 * passed through untouched, without an await of ours: files can be huge, and
 * a status call should cost what a plain fetch costs.
 *
 * This is a fetch wrapper, not an openapi-fetch middleware, on purpose: with
 * no middleware registered, openapi-fetch skips its middleware loop (an id,
 * a frozen options object and an await per hook on every call). A user's own
 * middleware still runs, around this, and sees the redacted answer.
 */
export function guardFetch(
  apiKey: string,
  send: (request: OutgoingRequest) => Promise<Response>,
): (request: OutgoingRequest) => Promise<Response> {
  return (request) =>
    send(request).then(
      (response) => (response.ok ? response : redacted(response, apiKey)),
      (error: unknown) => {
        throw typedFailure(error, request, apiKey);
      },
    );
}

function typedFailure(error: unknown, request: OutgoingRequest, apiKey: string): unknown {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  // Our own refusals (a redirect off the API's origin) are final, not connection trouble.
  if (isExportkitError(error)) return error;
  const where = `${request.method} ${urlForErrors(new URL(request.url))}`;
  return new ConnectionError(`Could not reach the vendor (${where}): ${redactSecret(String(error), apiKey)}`, { cause: error });
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
