// specs/specs.lock.json: what each vendor client is generated from (hashes of
// the spec, the overlay and the emitted public types) and the same facts for
// the last state that needs no release (`baseline`, with the package version
// it was recorded at). Changesets only sees files inside package folders, so
// this file is how check:specs notices a spec or overlay change.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, VENDORS } from '../lib/vendors.mjs';
import { hashText, REPORT_FILE } from './api-report.mjs';
import { writeFileAtomic } from './atomic-write.mjs';
import { SpecError } from './spec-error.mjs';

export const LOCK_FILE = 'specs/specs.lock.json';

const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const require = createRequire(join(REPO_ROOT, 'package.json'));

/** The vendor's package folder and name: the package whose `generate` names the vendor. */
export function vendorPackage(vendorName) {
  const dir = join(REPO_ROOT, 'packages', vendorName);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, name: manifest.name, version: manifest.version };
}

// Everything besides the spec and overlay that decides the generated code:
// the generator script and its helpers (its options are in the script) and
// the versions of the libraries it runs.
export function generatorFingerprint() {
  const hash = createHash('sha256');
  const files = ['scripts/generate-client.mjs', ...readdirSync(join(REPO_ROOT, 'scripts/lib')).sort().map((f) => `scripts/lib/${f}`)];
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(REPO_ROOT, file))).update('\0');
  const versions = ['openapi-typescript', 'openapi-format', 'typescript'].map((name) => `${name}@${require(`${name}/package.json`).version}`);
  hash.update(versions.join('\n'));
  return { versions, hash: `sha256:${hash.digest('hex')}` };
}

/** The hashes of a vendor's inputs as they are on disk now (the API report as committed). */
export function currentInputs(vendorName, { specBytes } = {}) {
  const vendor = VENDORS[vendorName];
  const { dir } = vendorPackage(vendorName);
  const reportPath = join(dir, REPORT_FILE);
  return {
    spec: sha256(specBytes ?? readFileSync(join(REPO_ROOT, vendor.spec))),
    overlay: sha256(readFileSync(join(REPO_ROOT, vendor.overlay))),
    apiReport: existsSync(reportPath) ? hashText(readFileSync(reportPath, 'utf8')) : null,
  };
}

export function readLock() {
  const path = join(REPO_ROOT, LOCK_FILE);
  if (!existsSync(path)) throw new SpecError(`${LOCK_FILE} is missing: run pnpm specs:lock`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function writeLock(lock) {
  writeFileAtomic(join(REPO_ROOT, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
}

export const sameInputs = (a, b) => a?.spec === b?.spec && a?.overlay === b?.overlay && a?.apiReport === b?.apiReport;

/**
 * The vendor's lock entry after its inputs became `inputs`. The baseline moves
 * to the previous inputs once the package's version moved past it (the pending
 * change was released by `changeset version`); `noRelease` moves it to the new
 * inputs (a change that needs no release, e.g. a reformat). The baseline also
 * names the changesets already pending for the package then (`changesets`):
 * those were written for other changes, so they cannot release a later one.
 */
export function nextEntry(previous, { packageName, version, inputs, pendingFiles, noRelease = false, patchJudgedTypes }) {
  let baseline = previous?.baseline;
  if (!baseline || baseline.version !== version) baseline = { version, ...(previous?.inputs ?? inputs), changesets: pendingFiles };
  if (noRelease) baseline = { version, ...inputs, changesets: pendingFiles };
  const entry = { package: packageName, inputs, baseline };
  // A type change the rules call a patch (a response property that becomes
  // required) is recorded, so check:specs can tell it from an unreviewed one.
  const judged = patchJudgedTypes ?? (previous?.patchJudgedTypes?.apiReport === inputs.apiReport ? previous.patchJudgedTypes : undefined);
  if (judged && judged.apiReport !== baseline.apiReport) entry.patchJudgedTypes = judged;
  return entry;
}
