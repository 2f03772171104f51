import type { FaultBook } from '../faults/fault-book.js';
import type { Vendor } from '../faults/fault-names.js';
import type { ResolvedOptions } from '../options.js';
import type { UrlSigner } from '../signed-urls/url-signer.js';
import type { VendorApi } from '../vendors/vendor-api.js';
import type { RecordedRequest } from './request-log.js';

/** Everything the two origins share. */
export interface SandboxState {
  options: ResolvedOptions;
  faults: FaultBook;
  vendors: Record<Vendor, VendorApi>;
  requests: RecordedRequest[];
}

/** What a vendor emulator is built from. */
export interface VendorContext {
  options: ResolvedOptions;
  signer: UrlSigner;
  /** The vendor's API root on the main origin, e.g. `http://127.0.0.1:1234/videodb`. */
  baseUrl: string;
  /** Keys this vendor accepts (more can be added at runtime). */
  keys: Set<string>;
}
