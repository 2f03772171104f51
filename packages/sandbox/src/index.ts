/**
 * An offline HTTP emulator of Omni, VideoDB and Closient for the whole export lifecycle, with fault injection.
 *
 * @module @exportkit/sandbox
 */
export { startSandbox } from './start-sandbox.js';
export type { ArtifactInfo, Sandbox } from './sandbox.js';
export type { PerVendor, SandboxOptions } from './options.js';
export { describeSandbox } from './describe-sandbox.js';
export { FAULT_NAMES, FAULT_STAGES, VENDORS, isFaultName, type FaultName, type FaultStage, type Vendor } from './faults/fault-names.js';
export { FAULT_CATALOG, type FaultDescription } from './faults/fault-catalog.js';
export { FAULT_HEADER, type FaultRule } from './faults/fault-rule.js';
export type { RecordedRequest, RequestFilter } from './server/request-log.js';
