// Opens the scenario ledger before the run and prints the figures after it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_ENV, type ScenarioOutcome } from './ledger.js';
import { figuresTable, summarize } from './summary.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'exportkit-reliability-'));
  const path = join(dir, 'ledger.jsonl');
  process.env[LEDGER_ENV] = path;
  return () => {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      // No scenario recorded anything.
    }
    const outcomes = lines.map((line) => JSON.parse(line) as ScenarioOutcome);
    const failed = outcomes.filter((o) => !o.survived);
    console.log(`\nexportkit reliability figures\n\n${figuresTable(summarize(outcomes))}\n`);
    for (const o of failed) console.log(`  not survived: ${o.scenario}${o.note ? ` (${o.note})` : ''}`);
    rmSync(dir, { recursive: true, force: true });
  };
}
