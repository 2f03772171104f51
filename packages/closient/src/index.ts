/**
 * Typed Closient client (organization data exports), generated from Closient's OpenAPI document plus exportkit's overlay.
 *
 * @module @exportkit/closient
 */
export { createClosientClient, type ClosientClient, type ClosientClientOptions } from './client.js';
export { SHORTUUID_PATTERN, validateClosientCall } from './validate.js';
export type * from './types.js';
/** What the overlay declares beside its sources: quotas, which starts may be resent, status words, "not ready" answers. */
export { vendorFacts as closientFacts } from './generated/facts.js';
export type { components, paths, operations } from './generated/schema.js';
export {
  orgExportArchiveFormatEnumValues as closientArchiveFormats,
  orgExportStatusEnumValues as closientExportStates,
} from './generated/schema.js';
