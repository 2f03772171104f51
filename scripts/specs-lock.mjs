#!/usr/bin/env node
// pnpm specs:lock — after a hand edit of an overlay or the generator (build
// first): rewrites each vendor package's API report from its built dist/ and
// records the current spec, overlay, report and generator hashes in
// specs/specs.lock.json. It never decides whether a release is needed:
// check:specs does, from the lock's baseline and the pending changesets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VENDORS } from './lib/vendors.mjs';
import { renderApiReport, REPORT_FILE } from './spec-diff/api-report.mjs';
import { changesetFilesNaming } from './spec-diff/changesets.mjs';
import { runMain } from './spec-diff/spec-error.mjs';
import { currentInputs, generatorFingerprint, LOCK_FILE, nextEntry, readLock, vendorPackage, writeLock } from './spec-diff/specs-lock.mjs';

await runMain('specs:lock', () => {
  let lock;
  try {
    lock = readLock();
  } catch {
    lock = { vendors: {} };
  }
  // Render every report before writing any, so a missing build writes nothing.
  const reports = Object.keys(VENDORS).map((name) => [name, renderApiReport(vendorPackage(name).dir)]);
  const next = {
    comment: 'Written by pnpm spec:update and pnpm specs:lock; checked by pnpm check:specs (see specs/README.md). Do not edit by hand.',
    generator: generatorFingerprint(),
    vendors: {},
  };
  for (const [name, report] of reports) {
    const pkg = vendorPackage(name);
    writeFileSync(join(pkg.dir, REPORT_FILE), report);
    next.vendors[name] = nextEntry(lock.vendors?.[name], {
      packageName: pkg.name, version: pkg.version, inputs: currentInputs(name), pendingFiles: changesetFilesNaming(pkg.name),
    });
    console.log(`${name}: ${pkg.name}@${pkg.version}, packages/${name}/${REPORT_FILE}`);
  }
  writeLock(next);
  console.log(`wrote ${LOCK_FILE}`);
});
