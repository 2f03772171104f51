import { FAULT_CATALOG } from './fault-catalog.js';
import { type FaultName, type FaultStage, isFaultName, type Vendor } from './fault-names.js';
import type { FaultRule, FiredFault } from './fault-rule.js';

/** What the fault book needs to know about a request to pick a fault for it. */
export interface FaultContext {
  vendor: Vendor;
  stage: FaultStage;
  apiKey?: string;
  jobId?: string;
  /** The value of the `x-sandbox-fault` request header, if any. */
  headerValue?: string;
}

interface LiveRule {
  rule: FaultRule;
  remaining: number;
}

function applies(fault: FaultName, vendor: Vendor, stage: FaultStage): boolean {
  const where = FAULT_CATALOG[fault];
  return where.vendors.includes(vendor) && where.stages.includes(stage);
}

/**
 * Holds the fault rules and decides, request by request, which fault (if
 * any) fires. Rules fire in the order they were added; each counts down its
 * `times`. Every firing is counted per fault name so tests can assert on it.
 */
export class FaultBook {
  readonly #rules: LiveRule[] = [];
  readonly #fired = new Map<FaultName, number>();

  add(rule: FaultRule): void {
    if (!isFaultName(rule.fault)) throw new TypeError(`Unknown sandbox fault "${String(rule.fault)}"`);
    const times = rule.times ?? 1;
    if (!(times >= 0)) throw new RangeError('FaultRule.times must be a non-negative number or Infinity');
    if (rule.bodyBytes !== undefined && !(Number.isSafeInteger(rule.bodyBytes) && rule.bodyBytes >= 0)) {
      throw new RangeError('FaultRule.bodyBytes must be a non-negative integer');
    }
    this.#rules.push({ rule, remaining: times });
  }

  /** Picks the fault for this request and counts it as fired. The header wins over rules. */
  pick(context: FaultContext): FiredFault | undefined {
    const header = context.headerValue?.trim();
    if (header && isFaultName(header) && applies(header, context.vendor, context.stage)) {
      return this.#fire({ fault: header, retryAfterSeconds: 1, source: 'header' });
    }
    const live = this.#rules.find(({ rule, remaining }) => remaining > 0 && this.#matches(rule, context));
    if (!live) return undefined;
    live.remaining -= 1;
    const { rule } = live;
    return this.#fire({
      fault: rule.fault,
      retryAfterSeconds: rule.retryAfterSeconds ?? 1,
      ...(rule.stallMs !== undefined ? { stallMs: rule.stallMs } : {}),
      ...(rule.bodyBytes !== undefined ? { bodyBytes: rule.bodyBytes } : {}),
      source: 'rule',
    });
  }

  /** How many times a fault (or any fault) has fired. */
  firedCount(fault?: FaultName): number {
    if (fault) return this.#fired.get(fault) ?? 0;
    let total = 0;
    for (const count of this.#fired.values()) total += count;
    return total;
  }

  #matches(rule: FaultRule, context: FaultContext): boolean {
    if (!applies(rule.fault, context.vendor, context.stage)) return false;
    if (rule.vendor !== undefined && rule.vendor !== context.vendor) return false;
    if (rule.stage !== undefined && rule.stage !== context.stage) return false;
    if (rule.apiKey !== undefined && rule.apiKey !== context.apiKey) return false;
    if (rule.jobId !== undefined && rule.jobId !== context.jobId) return false;
    return true;
  }

  #fire(fired: FiredFault): FiredFault {
    this.#fired.set(fired.fault, (this.#fired.get(fired.fault) ?? 0) + 1);
    return fired;
  }
}
