export { createVideoDBClient, type VideoDBClient, type VideoDBClientOptions } from './client.js';
export { validateVideoDBCall, validateVideoDBCreateRequest } from './validate.js';
export type * from './types.js';
export type { components, paths, operations } from './generated/schema.js';
export {
  asyncResponseStatusValues as videoDBAsyncStates,
  downloadRecordStatusValues as videoDBRecordStates,
} from './generated/schema.js';
