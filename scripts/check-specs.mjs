#!/usr/bin/env node
// pnpm check:specs (CI; build first) — fails when a vendor client's inputs
// changed without a release that says so:
//  - a spec, overlay or generator differs from specs/specs.lock.json (a spec
//    comes in through pnpm spec:update, which writes the lock and changeset);
//  - the built public types differ from the committed API report;
//  - the inputs moved past the lock's baseline (the last released state) and
//    no pending changeset names the package, or the public types changed and
//    the changesets say only patch.
import { join, relative } from 'node:path';
import { REPO_ROOT, VENDORS } from './lib/vendors.mjs';
import { hashText, renderApiReport, REPORT_FILE } from './spec-diff/api-report.mjs';
import { pendingBumpOf, pendingChangesets } from './spec-diff/changesets.mjs';
import { runMain } from './spec-diff/spec-error.mjs';
import { currentInputs, generatorFingerprint, LOCK_FILE, readLock, sameInputs, vendorPackage } from './spec-diff/specs-lock.mjs';

function vendorProblems(name, entry, changesets) {
  const vendor = VENDORS[name];
  const pkg = vendorPackage(name);
  const report = `${relative(REPO_ROOT, pkg.dir)}/${REPORT_FILE}`;
  if (!entry) return [`${name} has no entry in ${LOCK_FILE}: run pnpm specs:lock`];
  const problems = [];
  const now = currentInputs(name);
  if (now.spec !== entry.inputs.spec) {
    problems.push(`${vendor.spec} changed but ${LOCK_FILE} does not record it: bring a vendor document in with pnpm spec:update ${name} <file-or-url> (it writes the changeset)`);
  }
  if (now.overlay !== entry.inputs.overlay) {
    problems.push(`${vendor.overlay} changed since ${LOCK_FILE}: add a changeset for ${pkg.name} (pnpm changeset), build, then pnpm specs:lock`);
  }
  const built = hashText(renderApiReport(pkg.dir));
  if (built !== now.apiReport) {
    problems.push(`the built public types of ${pkg.name} differ from ${report}: run pnpm specs:lock and add a changeset for ${pkg.name}`);
  } else if (now.apiReport !== entry.inputs.apiReport) {
    problems.push(`${report} changed since ${LOCK_FILE}: run pnpm specs:lock`);
  }
  const released = pkg.version !== entry.baseline.version;
  if (!released && !sameInputs(entry.inputs, entry.baseline)) {
    const moved = ['spec', 'overlay', 'apiReport'].filter((k) => entry.inputs[k] !== entry.baseline[k]);
    const names = moved.map((k) => ({ spec: vendor.spec, overlay: vendor.overlay, apiReport: `the public types (${report})` })[k]).join(', ');
    const pending = pendingBumpOf(pkg.name, changesets, entry.baseline.changesets ?? []);
    if (pending.bump === 'none') {
      problems.push(`${names} changed since ${pkg.name}@${entry.baseline.version} but no changeset in .changeset/ written since names ${pkg.name}${entry.baseline.changesets?.length ? ` (${entry.baseline.changesets.join(', ')} were pending already)` : ''}`);
    } else if (moved.includes('apiReport') && pending.bump === 'patch' && entry.patchJudgedTypes?.apiReport !== entry.inputs.apiReport) {
      problems.push(`the public types of ${pkg.name} changed but its changesets (${pending.files.join(', ')}) say patch: a type change is at least minor`);
    }
  }
  return problems;
}

await runMain('check:specs', () => {
  const lock = readLock();
  const problems = [];
  const generator = generatorFingerprint();
  if (generator.hash !== lock.generator?.hash) {
    problems.push(`the generator (scripts/generate-client.mjs, scripts/lib/, ${generator.versions.join(', ')}) changed since ${LOCK_FILE}: build, then pnpm specs:lock (add a changeset if the public types change)`);
  }
  const changesets = pendingChangesets();
  for (const name of Object.keys(VENDORS)) problems.push(...vendorProblems(name, lock.vendors?.[name], changesets));
  if (problems.length > 0) {
    for (const problem of problems) console.error(`check:specs: ${problem}`);
    return 1;
  }
  console.log(`check:specs: ${Object.keys(VENDORS).join(', ')} match ${LOCK_FILE} (spec, overlay, generator, public types); every change since the baseline has a changeset`);
  return 0;
});
