#!/usr/bin/env node
// A real release, offline, end to end (pnpm check:release): in a scratch clone
// of this repo (the repo itself is never touched) it starts a local npm
// registry (Verdaccio), runs `changeset version` + `changeset publish` against
// it, installs every vendor package by name and version from it into the
// example apps and runs them. Then a vendor changes its spec twice, each
// brought in with `pnpm spec:update`: Closient adds an optional response field
// (a minor: the consumer app upgrades and its strict tsc passes), then removes
// `format_version` (a major: the upgrade fails tsc exactly where the app reads
// that field). Run from the repo root; it needs the dependencies installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOnlyPackages, compileStrict, copyApp, pnpmCommand, ROOT, run, runOmniOnlyApp, step, tscOf, userEnv } from './check-lib/consumer-apps.mjs';
import { registryRequest, startLocalRegistry } from './check-lib/local-registry.mjs';

const keep = process.env.KEEP_RELEASE_CHECK === '1'; // leave the scratch folder for debugging
const scratch = mkdtempSync(join(tmpdir(), 'exportkit-release-check-'));
const clone = join(scratch, 'repo');
const apps = join(scratch, 'apps');
/** The field the consumer app reads from Closient's status body, and the major removes. */
const REMOVED_FIELD = 'format_version';

/** A `pnpm` on PATH for changesets, which spawns it by name (in CI pnpm comes from npx). */
function pnpmOnPath() {
  const [cmd, prefix] = pnpmCommand();
  if (prefix.length === 0) return process.env.PATH;
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec ${[cmd, ...prefix].map((part) => JSON.stringify(part)).join(' ')} "$@"\n`);
  chmodSync(join(bin, 'pnpm'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

/** Every command talks to the local registry for @exportkit only, with a cache and npmrc of its own. */
function registryEnv(registry) {
  const npmrc = join(scratch, 'npmrc');
  writeFileSync(npmrc, registry.npmrc);
  return {
    ...userEnv,
    PATH: pnpmOnPath(),
    npm_config_userconfig: npmrc,
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_update_notifier: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
  };
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** { name: version } of the clone's publishable packages. */
function publishableVersions() {
  const versions = {};
  for (const dir of readdirSync(join(clone, 'packages'))) {
    const manifest = readJson(join(clone, 'packages', dir, 'package.json'));
    if (!manifest.private) versions[manifest.name] = manifest.version;
  }
  return versions;
}

/** `changeset version`, a build of the packages, `changeset publish`; returns what the registry now serves. */
async function release(env, registry) {
  const changeset = join(clone, 'node_modules', '@changesets', 'cli', 'bin.js');
  run(process.execPath, [changeset, 'version'], clone, env);
  const [cmd, prefix] = pnpmCommand();
  run(cmd, [...prefix, 'exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], clone, env);
  run(process.execPath, [changeset, 'publish', '--no-git-tag'], clone, env);
  const versions = publishableVersions();
  for (const [name, version] of Object.entries(versions)) {
    const { body: packument } = await registryRequest('GET', `${registry.url}${name.replace('/', '%2f')}`);
    if (!packument?.versions?.[version]) throw new Error(`${name}@${version} is not on the local registry after changeset publish`);
  }
  console.log(`on the registry: ${Object.entries(versions).map(([name, version]) => `${name}@${version}`).join(', ')}`);
  return versions;
}

/** Fails unless every installed @exportkit package came from the local registry at the version published. */
function assertFromRegistry(app, registry, versions) {
  const lock = readJson(join(app, 'package-lock.json'));
  const ours = Object.entries(lock.packages).filter(([path]) => /node_modules\/@exportkit\//.test(path));
  const stray = ours.filter(([path, entry]) => {
    const name = path.slice(path.lastIndexOf('@exportkit/'));
    return !String(entry.resolved).startsWith(registry.url) || entry.version !== versions[name];
  });
  if (ours.length === 0 || stray.length > 0) {
    throw new Error(`not installed from ${registry.url} at the published versions: ${stray.map(([path, entry]) => `${path}@${entry.version} (${entry.resolved})`).join(', ') || 'no @exportkit package at all'}`);
  }
  console.log(`${ours.length} @exportkit packages, all from ${registry.url} at the published versions`);
}

/** Copies an example app, pins its @exportkit dependencies to the published versions, installs them by name with npm. */
function installFromRegistry(name, env, registry, versions) {
  step(`${name}: npm install ${name === 'consumer-app' ? 'every vendor' : 'Omni'} by name and version from the local registry, strict tsc`);
  const app = copyApp(name, apps);
  const manifest = readJson(join(app, 'package.json'));
  for (const dependency of Object.keys(manifest.dependencies)) {
    if (!versions[dependency]) throw new Error(`${dependency} is not a package of this repo`);
    manifest.dependencies[dependency] = versions[dependency];
  }
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`dependencies: ${Object.entries(manifest.dependencies).map(([dep, version]) => `${dep}@${version}`).join(' ')}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app, env);
  assertFromRegistry(app, registry, versions);
  compileStrict(app, env);
  return app;
}

/** `npm install name@version` for each of the app's @exportkit dependencies that has a new version. */
function upgrade(app, env, registry, before, after) {
  const { dependencies } = readJson(join(app, 'package.json'));
  const changed = Object.keys(dependencies).filter((name) => before[name] !== after[name]);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...changed.map((name) => `${name}@${after[name]}`)], app, env);
  assertFromRegistry(app, registry, after);
}

/** Closient's stored document, changed by `edit` (its status body schema), written as a file of the same format. */
function closientDocument(edit, file) {
  const text = readFileSync(join(clone, 'specs', 'closient.json'), 'utf8');
  const indent = /\n( +)"/.exec(text)?.[1] ?? '  ';
  const document = JSON.parse(text);
  edit(document.components.schemas.OrgExportStatusOut);
  writeFileSync(file, `${JSON.stringify(document, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
  return file;
}

/** `pnpm spec:update closient <file>` in the clone; asserts the stored document and the changeset it wrote. */
function specUpdate(file, env, bump) {
  const script = join(clone, 'scripts', 'spec-update.mjs');
  if (!existsSync(script)) throw new Error('scripts/spec-update.mjs is missing: check:release brings the new spec in with pnpm spec:update');
  const before = new Set(readdirSync(join(clone, '.changeset')));
  const [cmd, prefix] = pnpmCommand();
  run(cmd, [...prefix, 'spec:update', 'closient', file], clone, env);
  if (!readFileSync(join(clone, 'specs', 'closient.json')).equals(readFileSync(file))) throw new Error('spec:update did not store the new document byte for byte');
  const written = readdirSync(join(clone, '.changeset')).filter((name) => name.endsWith('.md') && !before.has(name));
  const text = written.map((name) => readFileSync(join(clone, '.changeset', name), 'utf8')).join('\n');
  if (written.length !== 1 || !text.includes(`"@exportkit/closient": ${bump}`)) {
    throw new Error(`spec:update should write one changeset with "@exportkit/closient": ${bump}; it wrote ${written.length}:\n${text}`);
  }
  console.log(`spec:update wrote .changeset/${written[0]} ("@exportkit/closient": ${bump})`);
}

/** The line of the consumer app's source that reads the removed field (1-based), found in the source, not hard-coded. */
function lineReading(app, field) {
  const lines = readFileSync(join(app, 'src', 'main.ts'), 'utf8').split('\n');
  const found = lines.findIndex((line) => line.includes(`.${field}`));
  if (found < 0) throw new Error(`examples/consumer-app/src/main.ts no longer reads ${field}: the major would break nothing`);
  return found + 1;
}

/** Runs the app's strict tsc expecting it to fail with exactly one error: TS2339 at the line that reads the removed field. */
function assertBreaksAt(app, env) {
  const expected = { file: 'src/main.ts', line: lineReading(app, REMOVED_FIELD), code: 'TS2339' };
  console.log(`$ tsc --noEmit   (expected to fail: ${expected.code} at ${expected.file}:${expected.line})`);
  const tsc = spawnSync(process.execPath, [tscOf(app), '--noEmit', '--pretty', 'false'], { cwd: app, env, encoding: 'utf8' });
  const errors = [...tsc.stdout.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)].map(([, file, line, column, code, message]) => ({
    file,
    line: Number(line),
    column: Number(column),
    code,
    message,
  }));
  process.stdout.write(tsc.stdout);
  const [error] = errors;
  if (tsc.status === 0 || errors.length !== 1 || error.file !== expected.file || error.line !== expected.line || error.code !== expected.code || !error.message.includes(`'${REMOVED_FIELD}'`)) {
    throw new Error(`the major upgrade should fail tsc with one ${expected.code} at ${expected.file}:${expected.line} about '${REMOVED_FIELD}'; tsc exited ${tsc.status} with ${errors.length} error(s)`);
  }
  console.log(`tsc fails where the API broke: ${error.file}:${error.line}:${error.column} ${error.code}`);
}

let registry;
try {
  step('scratch clone of the committed repo, its dependencies from the local store');
  run('git', ['clone', '--quiet', ROOT, clone], scratch);
  const [cmd, prefix] = pnpmCommand();
  run(cmd, [...prefix, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], clone);

  step('a local npm registry (Verdaccio, throwaway storage, 127.0.0.1)');
  registry = await startLocalRegistry(join(scratch, 'registry'));
  const env = registryEnv(registry);

  step('release the pending changesets: changeset version, build, changeset publish');
  const first = await release(env, registry);

  const consumer = installFromRegistry('consumer-app', env, registry, first);
  step('consumer-app: export from every vendor on the sandbox');
  run(process.execPath, ['dist/main.js'], consumer, env);
  const omniOnly = installFromRegistry('omni-only-app', env, registry, first);
  assertOnlyPackages(omniOnly, ['@exportkit/core', '@exportkit/omni', '@exportkit/poller']);
  step('omni-only-app: export a dashboard against the sandbox');
  await runOmniOnlyApp(omniOnly, scratch, join(clone, 'packages', 'sandbox'));

  step('Closient adds an optional response field: pnpm spec:update -> minor, release, the consumer app upgrades and passes');
  const minorFile = closientDocument((schema) => {
    schema.properties.retention_days = { type: ['integer', 'null'], description: 'Days the archive is kept after the export completes.' };
  }, join(scratch, 'closient-v2-minor.json'));
  specUpdate(minorFile, env, 'minor');
  const second = await release(env, registry);
  upgrade(consumer, env, registry, first, second);
  compileStrict(consumer, env);
  run(process.execPath, ['dist/main.js'], consumer, env);

  step(`Closient removes ${REMOVED_FIELD} from its status body: pnpm spec:update -> major, release, the upgrade fails tsc where the app reads it`);
  const majorFile = closientDocument((schema) => {
    delete schema.properties[REMOVED_FIELD];
    schema.required = schema.required.filter((name) => name !== REMOVED_FIELD);
  }, join(scratch, 'closient-v3-major.json'));
  specUpdate(majorFile, env, 'major');
  const third = await release(env, registry);
  if (third['@exportkit/closient'].split('.')[0] === second['@exportkit/closient'].split('.')[0]) {
    throw new Error(`a major of @exportkit/closient ${second['@exportkit/closient']} was published as ${third['@exportkit/closient']}`);
  }
  upgrade(consumer, env, registry, second, third);
  assertBreaksAt(consumer, env);

  console.log('\ncheck:release: published to a local registry, installed by name and version, minor passes, major breaks where the API broke');
} finally {
  await registry?.stop();
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
