interface Window {
  startedAt: number;
  used: number;
}

/**
 * A fixed-window request counter per key (a window opens with a key's first
 * request and lasts `windowMs`), the way most API gateways count.
 */
export class WindowCounter {
  readonly #windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #current(key: string, now: number): Window {
    let window = this.#windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  remaining(key: string, now: number): number {
    return Math.max(0, this.limit - this.#current(key, now).used);
  }

  /** Clock time at which the key's current window resets. */
  resetAt(key: string, now: number): number {
    return this.#current(key, now).startedAt + this.windowMs;
  }

  consume(key: string, now: number): void {
    this.#current(key, now).used += 1;
  }
}
