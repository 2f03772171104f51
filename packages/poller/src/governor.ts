/**
 * The parts a governor other than the in-process `RateLimitGovernor` is built
 * from (e.g. `RedisGovernor` in `@exportkit/redis-governor`): the interface,
 * the rules every governor applies the same way, and the local download limit.
 *
 * @module @exportkit/poller/governor
 */
export type { BudgetKey, DownloadSlots, Governor, Settle } from './governor/governor.js';
export type { RequestOutcome } from './governor/probe.js';
export { FIRST_PROBE_DELAY_MS } from './governor/probe.js';
export type { RateLimitPolicy } from './governor/sliding-window.js';
export { cappedPauseMs, DEFAULT_MAX_PAUSE_MS, probeCapMs, quotasFor } from './governor/budget-rules.js';
export { ConcurrencyLimit } from './governor/concurrency-limit.js';
