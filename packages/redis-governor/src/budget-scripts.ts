import type { Redis } from 'ioredis';
import type { BudgetNames } from './budget-names.js';
import { OBSERVE } from './scripts/observe.js';
import { PAUSE } from './scripts/pause.js';
import { PROBE } from './scripts/probe.js';
import { RENEW } from './scripts/renew.js';
import { RESERVE } from './scripts/reserve.js';
import { SETTLE } from './scripts/settle.js';

const SCRIPTS = {
  exportkitBudgetReserve: RESERVE,
  exportkitBudgetSettle: SETTLE,
  exportkitBudgetRenew: RENEW,
  exportkitBudgetObserve: OBSERVE,
  exportkitBudgetPause: PAUSE,
  exportkitBudgetProbe: PROBE,
} as const;

type ScriptName = keyof typeof SCRIPTS;
type ScriptCall = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

/** What every script is told besides its own arguments: the caller's windows and how long an idle budget is kept. */
export interface BudgetContext {
  names: BudgetNames;
  /** JSON of the windows the caller runs the key under. */
  policies: string;
  idleTtlMs: number;
}

/**
 * The budget scripts on one connection. ioredis's defineCommand sends each
 * by its SHA (EVALSHA) and falls back to the source when Redis does not know
 * it (NOSCRIPT: a restarted Redis has forgotten every script).
 */
export class BudgetScripts {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
    for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 3, lua });
  }

  async reserve(budget: BudgetContext, lease: { prefix: string; first: number; count: number; ms: number }, random: number): Promise<{ granted: number; waitMs: number }> {
    const [granted, waitMs] = (await this.#call('exportkitBudgetReserve', budget, [lease.prefix, lease.first, lease.count, lease.ms, random])) as [number, number];
    return { granted, waitMs };
  }

  async settle(budget: BudgetContext, leaseId: string, outcome: string, random: number): Promise<void> {
    await this.#call('exportkitBudgetSettle', budget, [leaseId, outcome, random, budget.names.channel]);
  }

  async renew(budget: BudgetContext, leaseMs: number, leaseIds: readonly string[]): Promise<void> {
    await this.#call('exportkitBudgetRenew', budget, [leaseMs, ...leaseIds]);
  }

  async observe(budget: BudgetContext, announced: string, remaining: number | undefined, resetMs: number | undefined): Promise<void> {
    await this.#call('exportkitBudgetObserve', budget, [announced, remaining ?? '', resetMs ?? '', budget.names.channel]);
  }

  async pause(budget: BudgetContext, ms: number): Promise<void> {
    await this.#call('exportkitBudgetPause', budget, [ms]);
  }

  async probe(budget: BudgetContext, firstMs: number, capMs: number, random: number): Promise<void> {
    await this.#call('exportkitBudgetProbe', budget, [firstMs, capMs, random]);
  }

  #call(name: ScriptName, budget: BudgetContext, args: (string | number)[]): Promise<unknown> {
    // defineCommand adds the method at run time; its type is not ioredis's to know.
    const call = (this.#redis as unknown as Record<ScriptName, ScriptCall>)[name].bind(this.#redis);
    return call(...budget.names.keys, budget.policies, budget.idleTtlMs, ...args);
  }
}
