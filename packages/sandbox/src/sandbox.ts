import type { FaultName, Vendor } from './faults/fault-names.js';
import type { FaultRule } from './faults/fault-rule.js';
import type { RecordedRequest, RequestFilter } from './server/request-log.js';

/** What the finished file of a job is, so a test can check a download against it. */
export interface ArtifactInfo {
  size: number;
  sha256: string;
  filename: string;
  contentType: string;
}

/** A running sandbox: two origins (vendor APIs, signed-URL storage) and their controls. */
export interface Sandbox {
  /** The main origin, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Each vendor's API root, as in its spec's `servers`: `${url}/omni/api`, `${url}/videodb`, `${url}/closient`. */
  baseUrls: Record<Vendor, string>;
  /** The second origin, serving signed URLs. */
  storageUrl: string;
  /** A valid key per vendor (Closient's `csb_<body>_<checksum>`, VideoDB's `sk-…`). */
  apiKeys: Record<Vendor, string>;
  fixtures: {
    omniDashboardId: string;
    /** A valid 22-character shortuuid. */
    closientOrganizationId: string;
    videodbStreamLink: string;
  };
  /** The finished file of a job (it must exist and have succeeded). */
  artifact(vendor: Vendor, jobId: string): Promise<ArtifactInfo>;
  /** Adds a fault rule at runtime. */
  addFault(rule: FaultRule): void;
  /** How many times a fault (or any fault) has fired. */
  faultCount(fault?: FaultName): number;
  /** Another valid key for a vendor (e.g. to give a scenario its own rate budget or faults). */
  createApiKey(vendor: Vendor): string;
  /** Every request either origin received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Every request the signed-URL origin received (method, url, headers), for credential-leak tests. */
  readonly storageRequests: readonly RecordedRequest[];
  /** Counts recorded requests of a vendor (or all with `'any'`) that match a filter. */
  requestCount(vendor: Vendor | 'any', filter?: RequestFilter): number;
  /** Stops both origins, ending open and stalled connections. */
  close(): Promise<void>;
}
