// A discrete-event clock: `sleep` registers a timer, and `run` advances time
// straight to the next timer whenever every task is waiting. Hours of polling
// run in milliseconds, deterministically.

export class VirtualTime {
  now = 0;
  #timers = [];
  #sequence = 0;

  clock = () => this.now;

  sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal.reason);
      };
      // The listener goes when the timer fires, so a long-lived signal does
      // not collect one per sleep.
      const timer = {
        at: this.now + Math.max(0, ms),
        seq: this.#sequence++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Drives time until `work` settles; at most `maxSteps` timer firings. */
  async run(work, maxSteps = 10_000_000) {
    let settled = false;
    const result = work.finally(() => {
      settled = true;
    });
    for (let step = 0; step < maxSteps; step++) {
      // Let every task run until it waits on a timer again.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return result;
      if (this.#timers.length === 0) continue;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      this.now = Math.max(this.now, next.at);
      next.resolve();
    }
    throw new Error(`virtual time: work did not settle within ${maxSteps} steps`);
  }
}

export { seededRandom } from '@exportkit/testkit/seeded-random';
