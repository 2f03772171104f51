// Turns figure rows into the markdown table printed by `pnpm bench` and
// written into BENCHMARKS.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const cell = (value) => String(value ?? '').replaceAll('|', '\\|');
const verdict = (met) => (met === undefined ? '' : met ? 'met' : '**missed**');

export function markdownTable(sections) {
  const lines = ['| figure | measure | ours | compared to | ratio | target | |', '|---|---|---|---|---|---|---|'];
  for (const { title, rows, error } of sections) {
    if (error) lines.push(`| ${title} | failed to run: ${cell(error)} | | | | | |`);
    for (const row of rows ?? []) {
      const ratio = row.ratio === undefined ? '' : row.ratio.toFixed(2);
      lines.push(`| ${title} | ${cell(row.measure)} | ${cell(row.ours)} | ${cell(row.baseline)} | ${ratio} | ${cell(row.target)} | ${verdict(row.met)} |`);
    }
  }
  return lines.join('\n');
}

export function machineLine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the generated part of BENCHMARKS.md, leaving the prose around it. */
export function writeIntoBenchmarksFile(path, table, command) {
  const text = readFileSync(path, 'utf8');
  const before = text.slice(0, text.indexOf(START) + START.length);
  const after = text.slice(text.indexOf(END));
  const body = `\nRun on ${new Date().toISOString().slice(0, 10)}, ${machineLine()}, with \`${command}\`.\n\n${table}\n`;
  writeFileSync(path, `${before}${body}${after}`);
}
