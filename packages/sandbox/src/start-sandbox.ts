import { FaultBook } from './faults/fault-book.js';
import { VENDORS, type Vendor } from './faults/fault-names.js';
import { FileCache } from './jobs/file-cache.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import type { Sandbox } from './sandbox.js';
import { createApiHandler } from './server/api-handler.js';
import { listen, type RequestHandler } from './server/listen.js';
import { matchesFilter } from './server/request-log.js';
import type { SandboxState, VendorContext } from './server/sandbox-state.js';
import { createStorageHandler } from './signed-urls/storage-handler.js';
import { UrlSigner } from './signed-urls/url-signer.js';
import { createClosientApi } from './vendors/closient/closient-api.js';
import { newClosientKey } from './vendors/closient/closient-keys.js';
import { createOmniApi } from './vendors/omni/omni-api.js';
import { newOmniKey } from './vendors/omni/omni-routes.js';
import { createVideoDBApi, newVideoDBKey } from './vendors/videodb/videodb-api.js';

const NEW_KEY: Record<Vendor, () => string> = { omni: newOmniKey, videodb: newVideoDBKey, closient: newClosientKey };
const API_ROOTS: Record<Vendor, string> = { omni: '/omni/api', videodb: '/videodb', closient: '/closient' };

/** Starts the sandbox: the vendor APIs on one origin, signed-URL storage on another. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const faults = new FaultBook();
  for (const rule of options.faults ?? []) faults.add(rule);

  // The origins listen first (signed URLs and base URLs name their ports);
  // their handlers are set once the vendors are built, before start returns.
  let handleStorage: RequestHandler = async () => {};
  let handleApi: RequestHandler = async () => {};
  const storage = await listen(resolved.host, resolved.storagePort, (req, res) => handleStorage(req, res));
  const api = await listen(resolved.host, resolved.port, (req, res) => handleApi(req, res)).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const signer = new UrlSigner(storage.origin);
  const files = new FileCache();
  const keys = Object.fromEntries(VENDORS.map((vendor) => [vendor, new Set<string>()])) as Record<Vendor, Set<string>>;
  const apiKeys = Object.fromEntries(
    VENDORS.map((vendor) => {
      const key = options.apiKeys?.[vendor] ?? NEW_KEY[vendor]();
      keys[vendor].add(key);
      return [vendor, key];
    }),
  ) as Record<Vendor, string>;
  const baseUrls = Object.fromEntries(VENDORS.map((vendor) => [vendor, `${api.origin}${API_ROOTS[vendor]}`])) as Record<Vendor, string>;
  const context = (vendor: Vendor): VendorContext => ({ options: resolved, signer, baseUrl: baseUrls[vendor], keys: keys[vendor] });
  const state: SandboxState = {
    options: resolved,
    faults,
    requests: [],
    vendors: {
      omni: createOmniApi(context('omni'), files),
      videodb: createVideoDBApi(context('videodb'), files),
      closient: createClosientApi(context('closient'), files),
    },
  };
  handleStorage = createStorageHandler(state, signer);
  handleApi = createApiHandler(state);

  return {
    url: api.origin,
    baseUrls,
    storageUrl: storage.origin,
    apiKeys,
    fixtures: {
      omniDashboardId: 'sandbox-sales-dashboard',
      closientOrganizationId: 'AcmeFoodsSandboxQrg234',
      videodbStreamLink: `${api.origin}/videodb/stream/sandbox-video.m3u8`,
    },
    async artifact(vendor, jobId) {
      const file = await state.vendors[vendor].jobs.file(jobId);
      if (!file) throw new Error(`The sandbox has no finished ${vendor} file for job ${jobId}`);
      const sha256 = await files.sha256(`${vendor}/${jobId}`, file);
      return { size: file.layout.size, sha256, filename: file.filename, contentType: file.contentType };
    },
    addFault: (rule) => faults.add(rule),
    faultCount: (fault) => faults.firedCount(fault),
    createApiKey(vendor) {
      const key = NEW_KEY[vendor]();
      keys[vendor].add(key);
      return key;
    },
    get requests() {
      return state.requests;
    },
    get storageRequests() {
      return state.requests.filter((request) => request.origin === 'storage');
    },
    requestCount: (vendor, filter) =>
      state.requests.filter((request) => (vendor === 'any' || request.vendor === vendor) && matchesFilter(request, filter)).length,
    close: async () => {
      await Promise.all([api.close(), storage.close()]);
    },
  };
}
