/**
 * Awaits a promise (or calls a function) that must fail, and returns what it
 * threw. Fails loudly when it does not throw.
 */
export async function caught(action: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, but the call succeeded');
}

/** Everything an error exposes as text: message, body, stack, own fields. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error) ?? String(error);
  const own = Object.fromEntries(Object.entries(error).filter(([key]) => key !== 'headers'));
  return [error.message, error.stack ?? '', JSON.stringify(own)].join('\n');
}
