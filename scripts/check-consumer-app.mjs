#!/usr/bin/env node
// Proves the packages work the way a user gets them: every publishable package
// is packed (`pnpm pack`, which rewrites `workspace:^` to real versions), then
// examples/consumer-app is installed from those tarballs with npm — outside
// the workspace, so no symlink to packages/ can hide a missing file or export —
// type-checked strictly, compiled and run against the sandbox.
// Run from the repo root after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'exportkit-consumer-check-'));
const keep = process.env.KEEP_CONSUMER_APP === '1'; // leave the scratch folder for debugging

// Under `pnpm run`, npm_execpath is the running pnpm: use the very same one
// (in CI pnpm comes from npx and need not be on PATH).
function pnpm(args, cwd) {
  const execPath = process.env.npm_execpath;
  const [cmd, prefix] = execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
  execFileSync(cmd, [...prefix, ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

// The app runs as a user's would: without the npm_* settings `pnpm run` exports.
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function run(cmd, args, cwd) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: userEnv });
}

const step = (title) => console.log(`\n--- ${title}`);

/** Packs each non-private package under packages/ and returns { name: tarball path }. */
function packAll(into) {
  const tarballs = {};
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const before = new Set(readdirSync(into));
    pnpm(['pack', '--pack-destination', into], join(root, 'packages', dir));
    const made = readdirSync(into).find((file) => file.endsWith('.tgz') && !before.has(file));
    if (!made) throw new Error(`pnpm pack made no tarball for ${manifest.name}`);
    tarballs[manifest.name] = join(into, made);
    console.log(`${manifest.name} -> ${made}`);
  }
  return tarballs;
}

/**
 * Points the app's @exportkit dependencies at the tarballs. The overrides make
 * the packages' own dependencies on each other (now `^0.1.0`, unpublished)
 * resolve to the tarballs too instead of the registry.
 */
function useTarballs(appDir, tarballs) {
  const path = join(appDir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const specs = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  for (const name of Object.keys(manifest.dependencies)) {
    if (!specs[name]) throw new Error(`${name} is not a package of this repo`);
    manifest.dependencies[name] = specs[name];
  }
  manifest.overrides = specs;
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Fails unless every installed @exportkit package, direct or transitive, came from a tarball. */
function assertFromTarballs(appDir) {
  const lock = JSON.parse(readFileSync(join(appDir, 'package-lock.json'), 'utf8'));
  const ours = Object.entries(lock.packages).filter(([path]) => /node_modules\/@exportkit\//.test(path));
  const stray = ours.filter(([, entry]) => !String(entry.resolved).startsWith('file:'));
  if (ours.length === 0 || stray.length > 0) {
    throw new Error(`not installed from the tarballs: ${stray.map(([path, entry]) => `${path} (${entry.resolved})`).join(', ') || 'no @exportkit package at all'}`);
  }
  console.log(`${ours.length} @exportkit packages, all from the tarballs`);
}

try {
  step('pack every publishable package');
  const tarballs = packAll(mkdtempSync(join(scratch, 'tarballs-')));

  step('copy examples/consumer-app out of the workspace');
  const app = join(scratch, 'consumer-app');
  cpSync(join(root, 'examples', 'consumer-app'), app, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  useTarballs(app, tarballs);

  step('install with npm, from the tarballs and the registry');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assertFromTarballs(app);

  step('type-check strictly (tsc --noEmit)');
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tsc, '--noEmit'], app);

  step('compile and export from the sandbox');
  run(process.execPath, [tsc], app);
  run(process.execPath, ['dist/main.js'], app);
  console.log('\nconsumer app: the packed packages install, type-check and export correctly');
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
