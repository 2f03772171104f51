#!/usr/bin/env node
// pnpm spec:update <vendor> <file-or-url> [--dry-run]
//
// Brings in a vendor's new OpenAPI document: checks it fully (OpenAPI 3.x, the
// stored format, every overlay action still applies, the overlay's facts still
// hold), prints the API diff of the overlaid documents with the bump each
// change needs for users of the generated TypeScript client, then stores the
// document byte for byte, rebuilds that vendor and its dependents, checks the
// bump against the emitted public types (the API report), and writes one
// changeset plus specs/specs.lock.json. --dry-run prints it all, writes nothing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverlay } from './lib/apply-overlay.mjs';
import { vendorFacts } from './lib/vendor-facts.mjs';
import { REPO_ROOT, VENDORS } from './lib/vendors.mjs';
import { importedPackages, renderApiReport, REPORT_FILE } from './spec-diff/api-report.mjs';
import { writeFileAtomic } from './spec-diff/atomic-write.mjs';
import { CHANGESET_DIR, changesetFilesNaming, renderChangeset, writeChangeset } from './spec-diff/changesets.mjs';
import { classifyChanges, RESPONSE_BECOMES_REQUIRED } from './spec-diff/classify-changes.mjs';
import { parseOpenApi, formatOfFile } from './spec-diff/parse-document.mjs';
import { collapseChanges, formatChanges } from './spec-diff/print-changes.mjs';
import { readSource } from './spec-diff/read-source.mjs';
import { rebuildWithDependents } from './spec-diff/rebuild.mjs';
import { runMain, SpecError } from './spec-diff/spec-error.mjs';
import { currentInputs, generatorFingerprint, LOCK_FILE, nextEntry, readLock, vendorPackage, writeLock } from './spec-diff/specs-lock.mjs';

const USAGE = 'usage: pnpm spec:update <vendor> <file-or-url> [--dry-run]';

function parseArgs(argv) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--dry-run');
  if (unknown.length > 0) throw new SpecError(`unknown option ${unknown[0]}; ${USAGE}`);
  if (positional.length !== 2) throw new SpecError(USAGE);
  const [vendorName, source] = positional;
  if (!Object.hasOwn(VENDORS, vendorName)) throw new SpecError(`unknown vendor "${vendorName}"; known: ${Object.keys(VENDORS).join(', ')}`);
  return { vendorName, source, dryRun: flags.includes('--dry-run') };
}

// The overlay on disk is applied to both documents. The new one must take it
// fully (every action matches, every fact holds). The stored one is only the
// "before" of the diff: when the overlay was already edited for the new
// document (a new status word mapped first), it need not fit the old one.
async function overlaid(vendorName, document, label, { strict }) {
  const { data, staleActions } = await applyOverlay(vendorName, document);
  if (!strict) return data;
  if (staleActions.length > 0) {
    const list = staleActions.map((a) => `${a.target} (${a.description})`).join('; ');
    throw new SpecError(`${VENDORS[vendorName].overlay} no longer applies to ${label}: ${staleActions.length} action(s) match nothing: ${list}`);
  }
  try {
    vendorFacts(vendorName, data);
  } catch (error) {
    throw new SpecError(`the overlay's facts do not hold for ${label} (edit ${VENDORS[vendorName].overlay} for it first, then run spec:update again): ${error.message}`);
  }
  return data;
}

// Published packages whose public declarations import the vendor's types:
// their public types change with it. Read from the built dist/; a package not
// built yet counts if it depends on the vendor (`unbuilt` says which).
function dependentsExposing(packageName) {
  const names = [];
  const unbuilt = [];
  for (const folder of readdirSync(join(REPO_ROOT, 'packages'))) {
    const dir = join(REPO_ROOT, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
    if (manifest.private || manifest.name === packageName || !Object.hasOwn(declared, packageName)) continue;
    if (!existsSync(join(dir, 'dist'))) unbuilt.push(manifest.name);
    else if (importedPackages(dir).includes(packageName)) names.push(manifest.name);
  }
  return { names: [...names, ...unbuilt].sort(), unbuilt };
}

async function main() {
  const { vendorName, source, dryRun } = parseArgs(process.argv.slice(2));
  const vendor = VENDORS[vendorName];
  const storedPath = join(REPO_ROOT, vendor.spec);
  const format = formatOfFile(vendor.spec);
  const pkg = vendorPackage(vendorName);

  // 1. Everything is checked before anything is written.
  const bytes = await readSource(source);
  const next = parseOpenApi(bytes, { label: source, expectedFormat: format, storedPath: vendor.spec });
  const storedBytes = readFileSync(storedPath);
  const stored = parseOpenApi(storedBytes, { label: vendor.spec, expectedFormat: format, storedPath: vendor.spec });
  const before = await overlaid(vendorName, stored, vendor.spec, { strict: false });
  const after = await overlaid(vendorName, next, source, { strict: true });
  const actions = readFileSync(join(REPO_ROOT, vendor.overlay), 'utf8').match(/^\s*- target:/gm)?.length ?? 0;
  const lock = readLock(); // a missing lock stops here, before anything is written
  const changesetName = `spec-${vendorName}-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}`;
  if (existsSync(join(REPO_ROOT, CHANGESET_DIR, `${changesetName}.md`))) {
    throw new SpecError(`${CHANGESET_DIR}/${changesetName}.md already exists: this document was brought in before (remove that changeset to redo it)`);
  }

  console.log(`${vendorName}: ${vendor.spec} <- ${source} (${storedBytes.length} -> ${bytes.length} bytes, ${format.toUpperCase()}, OpenAPI ${next.openapi})`);
  console.log(`overlay: all ${actions} action(s) of ${vendor.overlay} still apply; its facts hold`);
  if (Buffer.compare(bytes, storedBytes) === 0) {
    console.log('unchanged: the new document is byte-for-byte the stored one; nothing to do');
    return 0;
  }

  // 2. The API diff, with overlays applied (what the client is built from).
  const { changes, bump: specBump } = classifyChanges(before, after);
  console.log(`\nAPI changes (overlays applied), ${changes.length}:\n${formatChanges(collapseChanges(changes))}`);
  console.log(`\nproposed bump from the spec diff: ${pkg.name} ${specBump}`);
  if (dryRun) {
    const { names, unbuilt } = dependentsExposing(pkg.name);
    if (names.length && (specBump === 'minor' || specBump === 'major')) {
      console.log(`would also release: ${names.join(', ')} (public declarations import ${pkg.name}${unbuilt.length ? `; not built, so assumed: ${unbuilt.join(', ')}` : ''})`);
    }
    console.log(`\n--dry-run: would store ${vendor.spec}, rebuild ${pkg.name} and its dependents, update ${pkg.name}'s ${REPORT_FILE} and ${LOCK_FILE}` +
      (specBump === 'none' ? '; no changeset (no release needed)' : `, and write a ${specBump} changeset`) + '. Nothing written.');
    return 0;
  }

  // 3. Store, rebuild, and check the bump against the real types.
  writeFileAtomic(storedPath, bytes);
  console.log(`\nstored ${vendor.spec} (${bytes.length} bytes, as published); rebuilding ${pkg.name} and its dependents`);
  const reportPath = join(pkg.dir, REPORT_FILE);
  const oldReport = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : null;
  const built = rebuildWithDependents(pkg.name);
  let bump = specBump;
  const typeNotes = [];
  let patchJudgedTypes;
  // Without a build the types are unknown: a minor or major is taken to change them.
  let typesChanged = bump === 'minor' || bump === 'major';
  if (built) {
    const newReport = renderApiReport(pkg.dir);
    typesChanged = newReport !== oldReport;
    console.log(`public types of ${pkg.name}: ${typesChanged ? 'changed' : 'unchanged'} (${REPORT_FILE})`);
    if (typesChanged && (bump === 'none' || bump === 'patch')) {
      const judged = changes.some((c) => c.rule === RESPONSE_BECOMES_REQUIRED);
      if (bump === 'patch' && judged) {
        patchJudgedTypes = { reason: RESPONSE_BECOMES_REQUIRED };
      } else {
        bump = 'minor';
        typeNotes.push({ bump: 'minor', where: pkg.name, what: 'public types changed', rule: 'the API report differs though the spec diff says no more than patch' });
      }
    }
    writeFileSync(reportPath, newReport);
  }
  // Dependents that expose the vendor's types change only when those types do.
  const dependents = typesChanged ? dependentsExposing(pkg.name).names : [];

  // 4. The changeset and the lock.
  const pendingFiles = changesetFilesNaming(pkg.name);
  let changesetPath = null;
  const allChanges = [...collapseChanges(changes), ...typeNotes];
  if (bump !== 'none') {
    const releases = [{ name: pkg.name, type: bump }, ...dependents.map((name) => ({ name, type: bump }))];
    const summary = `${vendor.spec}: the vendor's new document (${bump} for users of the generated client).` +
      (dependents.length ? ` ${dependents.join(', ')} expose${dependents.length === 1 ? 's' : ''} ${pkg.name}'s types.` : '');
    changesetPath = writeChangeset(changesetName, renderChangeset(releases, summary, allChanges));
  }
  const inputs = currentInputs(vendorName);
  if (patchJudgedTypes) patchJudgedTypes = { apiReport: inputs.apiReport, ...patchJudgedTypes };
  lock.generator = generatorFingerprint();
  lock.vendors[vendorName] = nextEntry(lock.vendors[vendorName], {
    packageName: pkg.name, version: pkg.version, inputs, pendingFiles, noRelease: bump === 'none', patchJudgedTypes,
  });
  writeLock(lock);

  console.log(`\nbump: ${pkg.name} ${bump}${dependents.length ? `; ${dependents.map((d) => `${d} ${bump}`).join(', ')} (their public types expose it)` : ''}`);
  console.log(changesetPath ? `wrote ${changesetPath}` : 'no changeset: nothing to release');
  console.log(`updated ${LOCK_FILE}${built ? ` and ${join('packages', vendorName, REPORT_FILE)}` : ''}`);
  if (!built) {
    console.error(`spec:update: the build failed where the API change reaches the code (above); ${vendor.spec} and the changeset are written: fix the code, then run pnpm specs:lock`);
    return 1;
  }
  return 0;
}

await runMain('spec:update', main);
