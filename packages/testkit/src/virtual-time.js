// Plain JavaScript (with a .d.ts beside it) so that both the TypeScript tests
// and the .mjs benchmarks use this one clock.
//
// A discrete-event clock: `sleep` registers a timer, and the driver moves the
// clock straight to the earliest timer whenever every task is waiting on one
// (and no tracked request is in flight). Real I/O still happens; only waiting
// is skipped, so hours of polling run in milliseconds, deterministically.

/** Task turns with nothing new before a timer fires: work woken by the last one registers its own first. */
const QUIET_TURNS = 2;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
// While a request is in flight (or nothing waits), the driver waits in real time instead of spinning.
const realMillisecond = () => new Promise((resolve) => setTimeout(resolve, 1));

export class VirtualTime {
  /** The virtual clock, in milliseconds. */
  now;
  /** Delays of the sleeps that ran to their end (aborted ones are left out), in order. */
  completed = [];
  #timers = [];
  #sequence = 0;
  #inFlight = 0;
  #driver = undefined;
  #running = false;

  constructor(start = 0) {
    this.now = start;
  }

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
          this.completed.push(ms);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** A real fetch that tells the driver a request is in flight until its body is read (the body is buffered). */
  fetch = async (input, init) => {
    this.#inFlight++;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 || response.status === 304 ? null : body, response);
    } finally {
      this.#inFlight--;
    }
  };

  /** Sleeps waiting right now. */
  pending() {
    return this.#timers.length;
  }

  /** Moves the clock by hand (a sandbox's jobs finish, a URL expires); timers now due fire at the driver's next step. */
  advance(ms) {
    this.now += ms;
  }

  /** Drives time until `work` settles, in at most `maxTurns` turns of the driver; returns what it resolves to. */
  async run(work, maxTurns = 10_000_000) {
    let settled = false;
    const result = Promise.resolve(work).finally(() => {
      settled = true;
    });
    await this.#drive(() => settled, maxTurns);
    return result;
  }

  /** Drives time in the background until `stop()` (tests whose work is not one promise). */
  start() {
    if (this.#driver) return this;
    this.#running = true;
    this.#driver = this.#drive(() => !this.#running, Number.POSITIVE_INFINITY);
    return this;
  }

  async stop() {
    this.#running = false;
    await this.#driver;
    this.#driver = undefined;
  }

  /** Resolves once `predicate` holds while virtual time runs; fails after `realMs` of real time. */
  async until(predicate, realMs = 10_000) {
    const deadline = Date.now() + realMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`virtual time: condition not met within ${realMs} ms (virtual clock at ${this.now})`);
      await realMillisecond();
    }
  }

  /** Every turn counts toward `maxTurns`, so work that waits on nothing this clock knows still ends. */
  async #drive(done, maxTurns) {
    let quiet = 0;
    for (let turn = 0; turn < maxTurns; turn++) {
      await (this.#inFlight > 0 || this.#timers.length === 0 ? realMillisecond() : nextTurn());
      if (done()) return;
      if (this.#inFlight > 0 || this.#timers.length === 0) {
        quiet = 0;
        continue;
      }
      if (++quiet < QUIET_TURNS) continue;
      quiet = 0;
      this.#fireEarliest();
    }
    throw new Error(`virtual time: work did not settle within ${maxTurns} turns of the driver`);
  }

  /**
   * Moves the clock to the earliest timer and fires every timer due by then,
   * in the order they were registered: tasks woken at the same moment run
   * together (their requests overlap, as they would in real time).
   */
  #fireEarliest() {
    const earliest = this.#timers.reduce((at, timer) => Math.min(at, timer.at), Number.POSITIVE_INFINITY);
    this.now = Math.max(this.now, earliest);
    const due = this.#timers.filter((timer) => timer.at <= this.now).sort((a, b) => a.seq - b.seq);
    this.#timers = this.#timers.filter((timer) => timer.at > this.now);
    for (const timer of due) timer.resolve();
  }
}

/** Virtual time that drives itself in the background from `start` until `stop()`. */
export function createVirtualTime(start = 0) {
  return new VirtualTime(start).start();
}
