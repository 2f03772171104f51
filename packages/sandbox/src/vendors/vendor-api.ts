import type { IncomingHttpHeaders } from 'node:http';
import type { Vendor } from '../faults/fault-names.js';
import type { FiredFault } from '../faults/fault-rule.js';
import type { MadeFile } from '../files/omni-file.js';
import type { Reply } from '../server/reply.js';
import type { Route } from '../server/router.js';

/** A request as a vendor handler sees it: authenticated, rate-limited, with the fault that fired (if any). */
export interface HandlerInput {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when absent, `SyntaxError` when malformed. */
  body: unknown;
  apiKey: string;
  fault?: FiredFault;
  now: number;
}

export type Handler = (input: HandlerInput) => Reply | Promise<Reply>;

/** What the shared HTTP pipeline needs from each vendor emulator. */
export interface VendorApi {
  vendor: Vendor;
  /** The API root under the main origin, e.g. `/omni/api`. */
  prefix: string;
  routes: readonly Route<Handler>[];
  /** The API key of a request, or the vendor's answer to a missing or wrong one. */
  authenticate(headers: IncomingHttpHeaders): string | Reply;
  /** The vendor's answer when a key is over its rate limit, counting the request otherwise. */
  admit?(apiKey: string, now: number): Reply | undefined;
  /** Adds what the vendor puts on every response (Closient's rate-limit headers). */
  decorate?(reply: Reply, apiKey: string | undefined, now: number): Reply;
  /** An error in the vendor's own body shape. */
  errorReply(status: number, message: string): Reply;
  /** The same status body with a state the spec does not list (the `unknown-status` fault). */
  withUnknownStatus(json: unknown): unknown;
  jobs: {
    /** The key that started a job (faults per key apply to its signed-URL downloads too). */
    ownerKey(jobId: string): string | undefined;
    /** The finished file, or undefined while there is none. */
    file(jobId: string): Promise<MadeFile> | undefined;
    fail(jobId: string, now: number): void;
  };
}
