/**
 * Typed VideoDB client (downloads), generated from VideoDB's OpenAPI document plus exportkit's overlay.
 *
 * @module @exportkit/videodb
 */
export { createVideoDBClient, type VideoDBClient, type VideoDBClientOptions } from './client.js';
export { validateVideoDBCall, validateVideoDBCreateRequest } from './validate.js';
export type * from './types.js';
/** What the overlay declares beside its sources: quotas, which starts may be resent, status words, "not ready" answers. */
export { vendorFacts as videoDBFacts } from './generated/facts.js';
export type { components, paths, operations } from './generated/schema.js';
export {
  asyncResponseStatusValues as videoDBAsyncStates,
  downloadRecordStatusValues as videoDBRecordStates,
} from './generated/schema.js';
