import { EXIT_CODES } from '../exit/exit-codes.js';

export interface InterruptSignal {
  /** Aborted on the first Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  /** True once the user asked to stop. */
  readonly interrupted: boolean;
  /** Removes the handlers (the process can then be interrupted the default way again). */
  dispose(): void;
}

/**
 * Turns Ctrl-C into an abort, so the poller stops the sleep and the request
 * in flight at once and removes its temporary file. A second Ctrl-C while
 * that clean-up runs exits immediately: a person pressing it twice means it.
 */
export function listenForInterrupt(): InterruptSignal {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (name: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT_CODES.interrupted);
    interrupted = true;
    controller.abort(new Error(`Interrupted (${name})`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get interrupted() {
      return interrupted;
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
