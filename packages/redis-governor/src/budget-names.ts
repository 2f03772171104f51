import type { BudgetKey } from '@exportkit/poller';

/** The Redis names of one budget: three keys and the channel its waiters are woken on. */
export interface BudgetNames {
  /** KEYS of every budget script: state hash, settled grants, held leases. */
  keys: [state: string, grants: string, held: string];
  channel: string;
}

/**
 * `<prefix>{<vendor>:<keyId>}:…` — the key id is the client's budget id (a
 * hash of the API key, never the key). The braces are a Redis Cluster hash
 * tag: a script may only touch keys of one slot, and all three share it.
 */
export function budgetNames(prefix: string, key: BudgetKey): BudgetNames {
  const base = `${prefix}{${key.vendor}:${key.keyId}}`;
  return { keys: [`${base}:state`, `${base}:grants`, `${base}:held`], channel: `${base}:wake` };
}
