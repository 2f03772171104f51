export {
  startRecordingServer,
  useRecordingServer,
  type RecordedRequest,
  type RecordingServer,
  type Reply,
  type Responder,
} from './server.js';
export { caught, errorText } from './errors.js';
export { atPointer, checkSpecExamples, collectExamples, type ExampleFinding, type SpecExample } from './spec-examples.js';
export { echoHeaderInError, errorFor, expectNoSecret, expectRefusedBeforeSending } from './vendor.js';
export { describeClientIdentity, type ClientOptionsForTest, type IdentityCase } from './identity.js';
export { seededRandom } from './seeded-random.js';
export { VirtualTime, createVirtualTime, type VirtualSleep } from './virtual-time.js';
export { findRedisServer, startRedisServer, type RedisServer, type StartRedisServerOptions } from './redis-server.js';
