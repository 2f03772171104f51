// Applies a vendor's OpenAPI Overlay to its published document with
// openapi-format's Overlay 1.0 implementation.
import { join } from 'node:path';
import { openapiOverlay, parseFile } from 'openapi-format';
import { REPO_ROOT, vendorNamed } from './vendors.mjs';

export async function overlaidDocument(vendorName) {
  const vendor = vendorNamed(vendorName);
  const document = await parseFile(join(REPO_ROOT, vendor.spec));
  const overlaySet = await parseFile(join(REPO_ROOT, vendor.overlay));
  const { data, resultData } = await openapiOverlay(document, { overlaySet });
  // An action whose target matches nothing is silently skipped by the
  // implementation. That usually means a newer vendor document moved something
  // our overlay patches, so it must stop the build rather than drop a fact.
  const unused = resultData?.unusedActions ?? [];
  if (unused.length > 0) {
    const targets = unused.map((a) => `  - ${a.target}`).join('\n');
    throw new Error(`${vendor.overlay}: ${unused.length} action(s) matched nothing in ${vendor.spec}:\n${targets}`);
  }
  return data;
}
