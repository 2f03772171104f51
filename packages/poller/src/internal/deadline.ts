import type { Sleep } from './time.js';

/** Why a deadline scope's signal fired. */
export type StopReason = 'timeout' | 'aborted';

export interface DeadlineScope {
  /** Fires on the caller's abort or at the deadline, whichever comes first. Pass it to every request. */
  signal: AbortSignal;
  /** Why `signal` fired, once it has. */
  stopReason(): StopReason | undefined;
  /** Releases the deadline timer and the listener on the caller's signal. */
  dispose(): void;
  /** Releases only the timer: the caller's abort still reaches `signal` (a body still streaming). */
  stopTimer(): void;
}

const TIMEOUT = Symbol('exportkit.deadline');

/**
 * One signal for "the caller gave up or the deadline passed". The deadline
 * timer uses the injected sleep, so virtual time drives it like any other wait
 * (AbortSignal.timeout would escape it).
 */
export function openDeadlineScope(options: { signal?: AbortSignal | undefined; timeoutMs: number; sleep: Sleep }): DeadlineScope {
  const controller = new AbortController();
  const timer = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  if (!controller.signal.aborted) {
    options.sleep(options.timeoutMs, timer.signal).then(
      () => controller.abort(TIMEOUT),
      () => undefined,
    );
  }
  return {
    signal: controller.signal,
    stopReason() {
      if (!controller.signal.aborted) return undefined;
      return controller.signal.reason === TIMEOUT ? 'timeout' : 'aborted';
    },
    stopTimer() {
      timer.abort();
    },
    dispose() {
      timer.abort();
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
