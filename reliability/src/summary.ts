// Folds the ledger into the figures printed at the end of the run and kept in
// RELIABILITY.md.
import type { ScenarioOutcome } from './ledger.js';

export interface Figures {
  scenariosRun: number;
  scenariosSurvived: number;
  filesCorrupted: number;
  partialFilesLeft: number;
  credentialLeaks: number;
  requestsOverBudget: number;
}

export function summarize(outcomes: ScenarioOutcome[]): Figures {
  const sum = (pick: (o: ScenarioOutcome) => number | undefined) => outcomes.reduce((n, o) => n + (pick(o) ?? 0), 0);
  return {
    scenariosRun: outcomes.length,
    scenariosSurvived: outcomes.filter((o) => o.survived).length,
    filesCorrupted: sum((o) => o.corruptedFiles),
    partialFilesLeft: sum((o) => o.partialFiles),
    credentialLeaks: sum((o) => o.credentialLeaks),
    requestsOverBudget: sum((o) => o.overBudget),
  };
}

export function figuresTable(figures: Figures): string {
  const rows: [string, number, string][] = [
    ['scenarios run', figures.scenariosRun, ''],
    ['scenarios survived', figures.scenariosSurvived, `all ${figures.scenariosRun}`],
    ['files corrupted', figures.filesCorrupted, '0'],
    ['partial files left at a destination', figures.partialFilesLeft, '0'],
    ['credential leaks', figures.credentialLeaks, '0'],
    ['requests over a rate budget', figures.requestsOverBudget, '0'],
  ];
  return ['| figure | value | target |', '|---|---|---|', ...rows.map(([name, value, target]) => `| ${name} | ${value} | ${target} |`)].join('\n');
}
