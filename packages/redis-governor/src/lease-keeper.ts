import type { BudgetContext, BudgetScripts } from './budget-scripts.js';

/**
 * The leases this process holds (requests in flight), renewed while they
 * last: a lease that expires is how a dead worker's slots free themselves,
 * so a live one must keep moving its expiry on — one script call per budget
 * every third of a lease, not one per request.
 */
export class LeaseKeeper {
  readonly #held = new Map<string, BudgetContext>();
  readonly #scripts: BudgetScripts;
  readonly #leaseMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(scripts: BudgetScripts, leaseMs: number, onError: (error: unknown) => void) {
    this.#scripts = scripts;
    this.#leaseMs = leaseMs;
    this.#onError = onError;
  }

  hold(leaseId: string, budget: BudgetContext): void {
    this.#held.set(leaseId, budget);
    // Real time, not an injected sleep: leases expire on Redis's clock.
    this.#timer ??= setInterval(() => this.#renew(), Math.max(50, Math.floor(this.#leaseMs / 3))).unref();
  }

  release(leaseId: string): void {
    this.#held.delete(leaseId);
    if (this.#held.size === 0) this.stop();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #renew(): void {
    const byBudget = new Map<BudgetContext, string[]>();
    for (const [leaseId, budget] of this.#held) byBudget.set(budget, [...(byBudget.get(budget) ?? []), leaseId]);
    for (const [budget, leaseIds] of byBudget) this.#scripts.renew(budget, this.#leaseMs, leaseIds).catch(this.#onError);
  }
}
