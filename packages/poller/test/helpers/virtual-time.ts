import type { Clock, Sleep } from '../../src/internal/time.js';

interface Timer {
  at: number;
  resolve(): void;
}

/**
 * Virtual time for tests: `sleep` registers a timer, and the driver jumps the
 * clock to the next timer whenever no HTTP request is in flight. Real I/O still
 * happens; only waiting is skipped.
 */
export function createVirtualTime(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  let timers: Timer[] = [];
  let inFlight = 0;
  let running = true;
  /** Delays of the sleeps that ran to their end (cancelled background timers are left out). */
  const completed: number[] = [];
  const clock: Clock = () => now;
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: now + Math.max(0, ms),
        resolve: () => {
          completed.push(ms);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        timers = timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timers.push(timer);
    });
  /** A real fetch that tells the driver a request is in flight (body included). */
  const trackedFetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    inFlight++;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : body, response);
    } finally {
      inFlight--;
    }
  };
  const driver = (async () => {
    for (let idle = 0; running; ) {
      await new Promise((r) => setTimeout(r, 1));
      if (inFlight > 0 || timers.length === 0) {
        idle = 0;
        continue;
      }
      // Two quiet real ticks before jumping, so work woken by the last timer registers its own.
      if (++idle < 2) continue;
      idle = 0;
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0] as Timer;
      now = Math.max(now, next.at);
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.resolve();
    }
  })();
  return {
    clock,
    sleep,
    fetch: trackedFetch,
    completed,
    /** Sleep calls waiting right now. */
    pending: () => timers.length,
    advance(ms: number) {
      now += ms;
    },
    /** Resolves once `predicate` holds, letting virtual time run meanwhile; fails after `realMs` of real time. */
    async until(predicate: () => boolean, realMs = 10_000) {
      const deadline = Date.now() + realMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`virtual time: condition not met within ${realMs} ms (virtual clock at ${now})`);
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    async stop() {
      running = false;
      await driver;
    },
  };
}

export { seededRandom } from '@exportkit/testkit/seeded-random';
