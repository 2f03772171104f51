import { budgetIdOf } from '@exportkit/core';
import type { BudgetKey, Governor } from '../governor/governor.js';
import { defaultGovernor } from '../governor/rate-limit-governor.js';
import type { RateLimitPolicy } from '../governor/sliding-window.js';
import { resolveTime, type Clock, type Sleep } from '../internal/time.js';
import type { Logger } from './job-state.js';

/** What every vendor call of a job shares: its rate budget, its logger, its clock. */
export interface JobContext {
  vendor: string;
  governor: Governor;
  /** The API key's budget, named without holding the key. */
  budget: BudgetKey;
  logger: Logger | undefined;
  clock: Clock;
  sleep: Sleep;
  /** How long one request may go unanswered before it is abandoned as a (retryable) connection failure. */
  requestTimeoutMs: number;
  /** The caller's fetch for signed URLs (never the vendor client's: it would add credentials); undefined: node:http. */
  fetch: typeof fetch | undefined;
}

/** Options of `start…` and `resume…`. */
export interface JobOptions {
  /** The rate budget (default: the process-wide `RateLimitGovernor`; a fleet shares a `RedisGovernor`). */
  governor?: Governor | undefined;
  /**
   * Names the API key's budget. By default a vendor client's budget is named
   * from a hash of its key (never the key), so every client of one key — in
   * any process, on any machine — shares one budget; pass a name to group
   * otherwise.
   */
  budgetKey?: string | undefined;
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** Abandon (and retry) a request with no answer after this long (default 60 s; the rate-limit wait is not counted). */
  requestTimeoutMs?: number | undefined;
  /** Fetch used for signed download URLs, without any vendor credentials (default: a `node:http` GET, which reads a big body at a fraction of fetch's CPU cost). */
  fetch?: typeof fetch | undefined;
}

const clientIds = new WeakMap<object, string>();
let nextClientId = 0;

/**
 * The budget name of a client: its key's hash, as the vendor client factory
 * tagged it. A client made some other way (no key to hash) gets a name of its
 * own for this process, so its jobs still share one budget.
 */
function budgetKeyOf(client: object): string {
  const tagged = budgetIdOf(client);
  if (tagged !== undefined) return tagged;
  let id = clientIds.get(client);
  if (id === undefined) {
    id = `client-${++nextClientId}`;
    clientIds.set(client, id);
  }
  return id;
}

/** The context of one job of `vendor`, whose documented quotas (from its overlay) are `quotas`. */
export function createJobContext(
  vendor: { name: string; quotas: readonly RateLimitPolicy[] },
  client: object,
  options: JobOptions = {},
): JobContext {
  return {
    vendor: vendor.name,
    governor: options.governor ?? defaultGovernor(),
    budget: { vendor: vendor.name, keyId: options.budgetKey ?? budgetKeyOf(client), quotas: vendor.quotas },
    logger: options.logger,
    clock: options.clock ?? resolveTime({}).clock,
    sleep: options.sleep ?? resolveTime({}).sleep,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    fetch: options.fetch,
  };
}
