import type { IncomingMessage, ServerResponse } from 'node:http';
import { create as contentDisposition } from 'content-disposition';
import { FAULT_HEADER, type FiredFault } from '../faults/fault-rule.js';
import { replacementReply } from '../faults/fault-replies.js';
import { isFaultName, VENDORS, type Vendor } from '../faults/fault-names.js';
import { etagOf } from '../jobs/file-cache.js';
import { anotherVersionOf } from '../files/another-version.js';
import type { Reply } from '../server/reply.js';
import { recordRequest } from '../server/request-log.js';
import type { SandboxState } from '../server/sandbox-state.js';
import { bodyFaultOf, writeReply } from '../server/write-reply.js';
import { parseRange } from './range.js';
import type { UrlSigner } from './url-signer.js';

/** Headers that carry a credential; object stores refuse them next to a signed query. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-access-token'];

/** An S3-style XML error. */
function storageError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/xml' },
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`,
  };
}

const expired = () => storageError(403, 'AccessDenied', 'Request has expired');

/**
 * The object's reply: the file, or the `[start, end)` a Range asks for. With
 * `replaced`, another version of it (the `replaced-mid-transfer` fault), whole.
 */
async function fileReply(req: IncomingMessage, vendor: Vendor, jobId: string, state: SandboxState, replaced = false): Promise<Reply> {
  const made = await state.vendors[vendor].jobs.file(jobId);
  if (!made) return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
  const layout = replaced ? anotherVersionOf(made.layout) : made.layout;
  const etag = etagOf(`${vendor}/${jobId}${replaced ? '#replaced' : ''}`, layout.size);
  const headers = {
    'Content-Type': made.contentType,
    // Any name a client chose (VideoDB's `name`) makes a valid header: RFC 6266, with `filename*` beyond plain ASCII.
    'Content-Disposition': contentDisposition(made.filename),
    'Accept-Ranges': 'bytes',
    ETag: etag,
  };
  // If-Range: the range only applies to the version the client already has part of.
  const ifRange = req.headers['if-range'];
  const range = !replaced && (ifRange === undefined || ifRange === etag) ? parseRange(req.headers.range, layout.size) : undefined;
  if (range === 'unsatisfiable') {
    return { ...storageError(416, 'InvalidRange', 'The requested range is not satisfiable'), headers: { 'Content-Range': `bytes */${layout.size}` } };
  }
  if (!range) return { status: 200, headers, file: { layout, start: 0, end: layout.size } };
  return {
    status: 206,
    headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end - 1}/${layout.size}` },
    file: { layout, start: range.start, end: range.end },
  };
}

/**
 * The second origin: serves finished files at signed URLs like an object
 * store. Checks credentials (refused), signature, expiry, then honours
 * Range / If-Range. Every request is recorded for credential-leak tests.
 */
export function createStorageHandler(state: SandboxState, signer: UrlSigner) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const now = state.options.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://storage.invalid');
    const [vendorSegment, jobId = ''] = url.pathname.split('/').filter(Boolean);
    const vendor = VENDORS.find((known) => known === vendorSegment);
    let fired: FiredFault | undefined;
    let reply: Reply;
    const target = signer.verify(url.pathname, url.searchParams);
    if (CREDENTIAL_HEADERS.some((name) => req.headers[name] !== undefined)) {
      reply = storageError(400, 'InvalidArgument', 'Only one auth mechanism allowed; the signed query string and an authorization header were both given.');
    } else if (method !== 'GET' && method !== 'HEAD') {
      reply = storageError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    } else if (target === 'unsigned') {
      reply = storageError(403, 'AccessDenied', 'Query-string authentication requires the expiry and signature parameters.');
    } else if (target === 'bad-signature' || !vendor) {
      reply = storageError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    } else if (now > target.expiresAt) {
      reply = expired();
    } else {
      const header = req.headers[FAULT_HEADER];
      const apiKey = state.vendors[vendor].jobs.ownerKey(jobId);
      fired = state.faults.pick({
        vendor,
        stage: 'download',
        jobId,
        ...(apiKey ? { apiKey } : {}),
        ...(typeof header === 'string' && isFaultName(header.trim()) ? { headerValue: header } : {}),
      });
      if (fired?.fault === 'job-fails') state.vendors[vendor].jobs.fail(jobId, now);
      reply =
        fired?.fault === 'expired-signed-url'
          ? expired()
          : ((fired && replacementReply(fired, undefined, now)) ?? (await fileReply(req, vendor, jobId, state, fired?.fault === 'replaced-mid-transfer')));
    }
    recordRequest(state.requests, req, { origin: 'storage', vendor: vendor, stage: 'download', status: reply.status, fired, at: now });
    await writeReply(res, reply, method, bodyFaultOf(fired));
  };
}
