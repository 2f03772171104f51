/**
 * Typed Omni client (dashboard downloads), generated from Omni's OpenAPI document plus exportkit's overlay.
 *
 * @module @exportkit/omni
 */
export { createOmniClient, type OmniClient, type OmniClientOptions } from './client.js';
export { validateOmniCall, validateOmniDownloadRequest } from './validate.js';
export type * from './types.js';
/** What the overlay declares beside its sources: quotas, which starts may be resent, status words, "not ready" answers. */
export { vendorFacts as omniFacts } from './generated/facts.js';
export type { components, paths, operations } from './generated/schema.js';
export {
  pathsV1DashboardsDashboardIdDownloadPostRequestBodyContentApplicationJsonFormatValues as omniDownloadFormats,
  pathsV1DashboardsDashboardIdDownloadJobIdStatusGetResponses200ContentApplicationJsonStatusValues as omniJobStates,
} from './generated/schema.js';
