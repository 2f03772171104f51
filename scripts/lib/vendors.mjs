// The one table of vendor documents: where each spec and its overlay live, and
// which package its client is generated into. extract-specs, generate-client
// and lint-specs all read it, so adding a vendor is one row here.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const VENDORS = {
  omni: { spec: 'specs/omni.yaml', overlay: 'specs/overlays/omni.overlay.yaml', pageHost: /omniapp\.co/ },
  videodb: { spec: 'specs/videodb.yaml', overlay: 'specs/overlays/videodb.overlay.yaml', pageHost: /api\.videodb\.io/ },
  closient: { spec: 'specs/closient.json', overlay: 'specs/overlays/closient.overlay.yaml', pageHost: /closient\.com/ },
};

export function vendorNamed(name) {
  const vendor = VENDORS[name];
  if (!vendor) throw new Error(`unknown vendor "${name}"; known: ${Object.keys(VENDORS).join(', ')}`);
  return vendor;
}
