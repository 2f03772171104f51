// Time running `speed` times faster than the wall clock, shared by the
// sandbox (job durations, rate-limit windows, URL expiry) and the poller
// (backoff, deadlines, the governor's windows): Omni's 60 requests a minute
// become 60 per 600 ms, so a thousand jobs take seconds, not an hour.
import type { Clock, Sleep } from '@exportkit/poller';
// Not public API: the poller's own timer-safe sleep, read from its source.
import { systemSleep } from '../../packages/poller/src/internal/time.js';

export function scaledTime(speed: number): { clock: Clock; sleep: Sleep; speed: number } {
  const origin = Date.now();
  return {
    speed,
    clock: () => origin + (Date.now() - origin) * speed,
    sleep: (ms, signal) => systemSleep(ms / speed, signal),
  };
}
