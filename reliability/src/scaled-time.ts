// Time running `speed` times faster than the wall clock, shared by the
// sandbox (job durations, rate-limit windows, URL expiry) and the poller
// (backoff, deadlines, the governor's windows): Omni's 60 requests a minute
// become 60 per 600 ms, so a thousand jobs take seconds, not an hour.
import { systemSleep, type Clock, type Sleep } from '@exportkit/poller';

export function scaledTime(speed: number): { clock: Clock; sleep: Sleep; speed: number } {
  const origin = Date.now();
  return {
    speed,
    clock: () => origin + (Date.now() - origin) * speed,
    sleep: (ms, signal) => systemSleep(ms / speed, signal),
  };
}
