/** Milliseconds since the epoch; injectable so tests run in virtual time. */
export type Clock = () => number;
/** Waits `ms`, rejecting with `signal.reason` as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/** A number in [0, 1), like Math.random. */
export type Random = () => number;

/** The injectable sources of time and chance. */
export interface TimeSources {
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  random?: Random | undefined;
}

/**
 * The longest delay a timer can hold. setTimeout treats anything larger as 1 ms
 * (Azure's core-lro busy-looped on a Retry-After of years for this reason).
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer can hold: NaN and negatives become 0, anything huge becomes MAX_TIMER_MS. */
export function clampDelay(ms: number, maxMs: number = MAX_TIMER_MS): number {
  const ceiling = Math.min(Math.max(0, maxMs), MAX_TIMER_MS);
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(ms, ceiling);
}

export const systemClock: Clock = () => Date.now();

/** The real sleep: one timer, cleared on abort, so an aborted wait sends nothing more. */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function resolveTime(sources: TimeSources): Required<TimeSources> {
  return { clock: sources.clock ?? systemClock, sleep: sources.sleep ?? systemSleep, random: sources.random ?? Math.random };
}
