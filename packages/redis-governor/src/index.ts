/**
 * One vendor rate budget shared by a fleet of exportkit workers, in Redis.
 *
 * @module @exportkit/redis-governor
 */
export { RedisGovernor, type RedisGovernorOptions } from './redis-governor.js';
