#!/usr/bin/env node
// Lints every vendor document with @redocly/cli, twice: as the vendor
// published it, and with our overlay applied. Findings in the vendor's own
// text are reported (they are documented in specs/README.md, never silently
// edited); a finding that only the overlaid document has was introduced by
// our overlay, and fails the run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { overlaidDocument } from './lib/apply-overlay.mjs';
import { REPO_ROOT, VENDORS } from './lib/vendors.mjs';

process.env.REDOCLY_TELEMETRY = 'off';
process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true';

function lint(file) {
  let out;
  try {
    out = execFileSync('redocly', ['lint', file, '--format=json', '--config', join(REPO_ROOT, 'redocly.yaml')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      cwd: REPO_ROOT,
    });
  } catch (error) {
    // redocly exits non-zero when it finds errors; its report is still on stdout.
    out = error.stdout;
  }
  return JSON.parse(out.slice(out.indexOf('{'))).problems;
}

const key = (p) => `${p.ruleId} ${p.location[0]?.pointer} ${p.message}`;
const show = (p) => `  ${p.severity.padEnd(5)} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`;

const work = mkdtempSync(join(tmpdir(), 'exportkit-lint-'));
let introduced = 0;
try {
  for (const [name, vendor] of Object.entries(VENDORS)) {
    const vendorFindings = lint(join(REPO_ROOT, vendor.spec));
    const overlaidFile = join(work, `${name}.overlaid.json`);
    writeFileSync(overlaidFile, JSON.stringify(await overlaidDocument(name), null, 2));
    const known = new Set(vendorFindings.map(key));
    const ours = lint(overlaidFile).filter((p) => !known.has(key(p)));

    console.log(`\n${vendor.spec}: ${vendorFindings.length} finding(s) in the vendor's own document`);
    for (const p of vendorFindings) console.log(show(p));
    console.log(`${vendor.overlay}: ${ours.length} finding(s) introduced by our overlay`);
    for (const p of ours) console.log(show(p));
    introduced += ours.length;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (introduced > 0) {
  console.error(`\nlint:specs failed: our overlays introduce ${introduced} finding(s).`);
  process.exit(1);
}
console.log('\nlint:specs: overlays lint clean.');
