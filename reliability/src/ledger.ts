// Every scenario of the suite records its outcome here, so the run can end
// with one table of figures. Outcomes are appended as JSON lines to a file
// named by EXPORTKIT_RELIABILITY_LEDGER (set by the global setup), because
// vitest runs test files in separate workers.
import { appendFileSync } from 'node:fs';

export interface ScenarioOutcome {
  /** e.g. `fault/omni/download/truncated-body`. */
  scenario: string;
  survived: boolean;
  /** A file at the destination whose checksum differs from the vendor's. */
  corruptedFiles?: number;
  /** Partial or temporary files left at a destination. */
  partialFiles?: number;
  /** Places the API key appeared (requests to other hosts, output, errors). */
  credentialLeaks?: number;
  /** Requests sent beyond a vendor's rate budget (429s beyond the first of a window). */
  overBudget?: number;
  note?: string;
}

export const LEDGER_ENV = 'EXPORTKIT_RELIABILITY_LEDGER';

export function record(outcome: ScenarioOutcome): void {
  const path = process.env[LEDGER_ENV];
  if (!path) throw new Error(`${LEDGER_ENV} is not set: run the suite with \`pnpm test:reliability\``);
  appendFileSync(path, `${JSON.stringify(outcome)}\n`);
}

/**
 * Runs one scenario and records whether it survived. The check's own
 * counters (corrupted files, leaks, …) come back from `fn`; a thrown error is
 * a scenario not survived, and is rethrown so the test fails too.
 */
export async function scenario(
  name: string,
  fn: () => Promise<Omit<ScenarioOutcome, 'scenario' | 'survived'> | void> | Omit<ScenarioOutcome, 'scenario' | 'survived'> | void,
): Promise<void> {
  try {
    const counters = (await fn()) ?? {};
    const bad = (counters.corruptedFiles ?? 0) + (counters.partialFiles ?? 0) + (counters.credentialLeaks ?? 0) + (counters.overBudget ?? 0);
    record({ scenario: name, survived: bad === 0, ...counters });
  } catch (error) {
    record({ scenario: name, survived: false, note: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    throw error;
  }
}
