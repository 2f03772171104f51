/**
 * Typed Omni client (dashboard downloads), generated from Omni's OpenAPI document plus exportkit's overlay.
 *
 * @module @exportkit/omni
 */
export { createOmniClient, type OmniClient, type OmniClientOptions } from './client.js';
export { validateOmniCall, validateOmniDownloadRequest } from './validate.js';
export type * from './types.js';
export type { components, paths, operations } from './generated/schema.js';
export {
  pathsV1DashboardsDashboardIdDownloadPostRequestBodyContentApplicationJsonFormatValues as omniDownloadFormats,
  pathsV1DashboardsDashboardIdDownloadJobIdStatusGetResponses200ContentApplicationJsonStatusValues as omniJobStates,
} from './generated/schema.js';
