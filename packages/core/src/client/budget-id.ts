import { createHash } from 'node:crypto';

// A global symbol, not a WeakMap: a client made by one copy of @exportkit/core
// (a nested install) must still name its budget to a poller built on another.
const BUDGET_ID = Symbol.for('exportkit.budgetId');

/**
 * Names an API key's rate budget without holding the key: the first 16 hex
 * digits of a SHA-256 of it. The same key gives the same name in every
 * process on every machine, so workers of a fleet share one budget (a
 * per-process counter split it); the name can be logged or stored in Redis.
 */
export function budgetIdForKey(apiKey: string): string {
  return `key-${createHash('sha256').update('exportkit budget\u0000').update(apiKey).digest('hex').slice(0, 16)}`;
}

/** Tags a client with its key's budget name (the factory does this for every vendor client). */
export function tagBudgetId(client: object, apiKey: string): void {
  Object.defineProperty(client, BUDGET_ID, { value: budgetIdForKey(apiKey), enumerable: false });
}

/** The budget name of a client made by `createVendorClient`; undefined for any other object. */
export function budgetIdOf(client: object): string | undefined {
  const id: unknown = (client as Record<symbol, unknown>)[BUDGET_ID];
  return typeof id === 'string' ? id : undefined;
}
