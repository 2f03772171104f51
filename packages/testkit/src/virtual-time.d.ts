/** Waits `ms` (of the clock it belongs to) unless `signal` aborts first. */
export type VirtualSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A discrete-event clock: `sleep` registers a timer, and the driver moves the
 * clock straight to the earliest timer whenever every task waits on one and no
 * tracked request is in flight, firing every timer due then in registration
 * order. Real I/O still happens; only waiting is skipped.
 */
export declare class VirtualTime {
  constructor(start?: number);
  /** The virtual clock, in milliseconds. */
  now: number;
  /** Delays of the sleeps that ran to their end (aborted ones are left out), in order. */
  readonly completed: number[];
  readonly clock: () => number;
  readonly sleep: VirtualSleep;
  /** A real fetch that tells the driver a request is in flight until its body is read (the body is buffered). */
  readonly fetch: (input: Request | URL | string, init?: RequestInit) => Promise<Response>;
  /** Sleeps waiting right now. */
  pending(): number;
  /** Moves the clock by hand; timers now due fire at the driver's next step. */
  advance(ms: number): void;
  /** Drives time until `work` settles, in at most `maxTurns` turns of the driver; returns what it resolves to. */
  run<T>(work: Promise<T>, maxTurns?: number): Promise<T>;
  /** Drives time in the background until `stop()`. */
  start(): this;
  stop(): Promise<void>;
  /** Resolves once `predicate` holds while virtual time runs; fails after `realMs` of real time. */
  until(predicate: () => boolean, realMs?: number): Promise<void>;
}

/** Virtual time that drives itself in the background from `start` until `stop()`. */
export declare function createVirtualTime(start?: number): VirtualTime;
