#!/usr/bin/env node
// `pnpm bench`: every figure in one run, against the sandbox on 127.0.0.1,
// each measured side by side with what it is compared to (these machines are
// shared and noisy: only ratios from one run mean anything).
//
//   pnpm bench                 all figures, full sizes
//   pnpm bench --smoke         small sizes: a check that the benchmarks still run (CI)
//   pnpm bench --only=size,build
//   pnpm bench --write         also update the table in BENCHMARKS.md
//   pnpm bench --node24=PATH   the Node 24 binary to measure with (default: installed from npm once)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeBinaries } from './lib/node-binaries.mjs';
import { markdownTable, machineLine, writeIntoBenchmarksFile } from './lib/report.mjs';
import { REPO_ROOT } from './lib/repo.mjs';

const FIGURES = ['download-throughput', 'download-memory', 'client-overhead', 'polling-efficiency', 'rate-limit', 'build', 'size', 'fleet'];

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    node24: { type: 'string' },
  },
});
const wanted = values.only ? values.only.split(',') : FIGURES;

console.error(`exportkit benchmarks${values.smoke ? ' (smoke sizes)' : ''} on ${machineLine()}`);
// Figures that measure in child processes run them under each of these (found or installed on first use).
let binaries;
const nodes = () => {
  if (binaries) return binaries;
  binaries = nodeBinaries({ smoke: values.smoke, node24: values.node24 ?? process.env.EXPORTKIT_BENCH_NODE24 });
  console.error(`measuring children under ${binaries.map((node) => node.label).join(' and ')}`);
  return binaries;
};
const sections = [];
let failed = 0;
for (const id of FIGURES.filter((f) => wanted.includes(f))) {
  const figure = (await import(`./figures/${id}.mjs`)).default;
  console.error(`\n${figure.title} ...`);
  try {
    sections.push({ title: figure.title, rows: await figure.run({ smoke: values.smoke, nodes }) });
  } catch (error) {
    failed++;
    console.error(error);
    sections.push({ title: figure.title, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
}

const table = markdownTable(sections);
console.log(`\n${table}`);
if (values.write) {
  const command = `pnpm bench${values.smoke ? ' --smoke' : ''}${values.only ? ` --only=${values.only}` : ''}`;
  writeIntoBenchmarksFile(join(REPO_ROOT, 'BENCHMARKS.md'), table, command);
}
// A figure that could not run is a broken benchmark, and fails the run.
process.exit(failed > 0 ? 1 : 0);
