import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_HEADER, type FiredFault } from '../faults/fault-rule.js';
import { invalidJsonReply, replacementReply } from '../faults/fault-replies.js';
import type { Handler, VendorApi } from '../vendors/vendor-api.js';
import { readBody } from './listen.js';
import type { Reply } from './reply.js';
import { matchRoute, type Route } from './router.js';
import { recordRequest } from './request-log.js';
import type { SandboxState } from './sandbox-state.js';
import { bodyFaultOf, writeReply } from './write-reply.js';

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

/** The vendor's answer for an authenticated request on a route: faults first, then the handler. */
async function answer(
  state: SandboxState,
  api: VendorApi,
  route: Route<Handler>,
  input: Parameters<Handler>[0],
): Promise<Reply> {
  const { fault, now } = input;
  const replaced = fault && replacementReply(fault, api, now);
  if (replaced) return replaced;
  const jobId = route.jobParam ? input.params[route.jobParam] : undefined;
  if (fault?.fault === 'job-fails' && jobId) api.jobs.fail(jobId, now);
  if (fault?.fault === 'download-202-after-complete') return { status: 202 };
  const reply = await route.handler(input);
  if (fault?.fault === 'invalid-json' && reply.json !== undefined) return invalidJsonReply(reply);
  if (fault?.fault === 'unknown-status' && reply.status === 200 && reply.json !== undefined) {
    return { ...reply, json: api.withUnknownStatus(reply.json) };
  }
  return reply;
}

/** Serves the three vendor APIs on the main origin: routing, auth, rate limits, faults, logging. */
export function createApiHandler(state: SandboxState) {
  const apis = Object.values(state.vendors);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const now = state.options.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const api = apis.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    let reply: Reply;
    let apiKey: string | undefined;
    let fired: FiredFault | undefined;
    let stage: Route<Handler>['stage'];
    if (!api) {
      reply = { status: 404, json: { error: 'Not Found', message: 'Not a sandbox API path: use /omni/api, /videodb or /closient.' } };
    } else {
      const match = matchRoute(api.routes, method, url.pathname.slice(api.prefix.length));
      const auth = api.authenticate(req.headers);
      if (typeof auth !== 'string') reply = auth;
      else if (!('route' in match)) {
        apiKey = auth;
        reply = api.errorReply(match.methodAllowed ? 404 : 405, match.methodAllowed ? 'Not found.' : 'Method not allowed.');
      } else {
        apiKey = auth;
        const limited = api.admit?.(auth, now);
        const { route, params } = match;
        stage = route.stage;
        const jobId = route.jobParam ? params[route.jobParam] : undefined;
        const header = req.headers[FAULT_HEADER];
        fired =
          limited || !route.stage
            ? undefined
            : state.faults.pick({
                vendor: api.vendor,
                stage: route.stage,
                apiKey: auth,
                ...(jobId ? { jobId } : {}),
                ...(typeof header === 'string' ? { headerValue: header } : {}),
              });
        const body = parseJson(await readBody(req));
        reply =
          limited ??
          (await answer(state, api, route, { method, url, params, headers: req.headers, body, apiKey: auth, now, ...(fired ? { fault: fired } : {}) }));
      }
      if (api.decorate) reply = api.decorate(reply, apiKey, now);
    }
    recordRequest(state.requests, req, { origin: 'api', vendor: api?.vendor, stage, status: reply.status, fired, at: now });
    await writeReply(res, reply, method, bodyFaultOf(fired));
  };
}
