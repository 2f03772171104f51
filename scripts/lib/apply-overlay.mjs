// Applies a vendor's OpenAPI Overlay to its published document with
// openapi-format's Overlay 1.0 implementation.
import { join } from 'node:path';
import { openapiOverlay, parseFile } from 'openapi-format';
import { REPO_ROOT, vendorNamed } from './vendors.mjs';

/**
 * The vendor's overlay applied to a document (the stored one, or a candidate
 * new version that spec:update checks before storing it). The document is not
 * modified. `staleActions` are the overlay actions whose target matched nothing,
 * each with its `target` and `description` (the reason the action exists).
 */
export async function applyOverlay(vendorName, document) {
  const vendor = vendorNamed(vendorName);
  const overlaySet = await parseFile(join(REPO_ROOT, vendor.overlay));
  const { data, resultData } = await openapiOverlay(structuredClone(document), { overlaySet });
  const staleActions = (resultData?.unusedActions ?? []).map((action) => ({
    target: action.target,
    description: action.description ?? '(no description)',
  }));
  return { data, staleActions };
}

export async function overlaidDocument(vendorName) {
  const vendor = vendorNamed(vendorName);
  const { data, staleActions } = await applyOverlay(vendorName, await parseFile(join(REPO_ROOT, vendor.spec)));
  // An action whose target matches nothing is silently skipped by the
  // implementation. That usually means a newer vendor document moved something
  // our overlay patches, so it must stop the build rather than drop a fact.
  if (staleActions.length > 0) {
    const targets = staleActions.map((a) => `  - ${a.target} (${a.description})`).join('\n');
    throw new Error(`${vendor.overlay}: ${staleActions.length} action(s) matched nothing in ${vendor.spec}:\n${targets}`);
  }
  return data;
}
