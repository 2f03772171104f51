#!/usr/bin/env node
// Proves the packages work the way a user gets them: every publishable package
// is packed (`pnpm pack`, which rewrites `workspace:^` to real versions), then
// examples/consumer-app and examples/omni-only-app are installed from those tarballs with npm — outside
// the workspace, so no symlink to packages/ can hide a missing file or export —
// type-checked strictly, compiled and run against the sandbox.
// Run from the repo root after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertOnlyPackages,
  compileStrict,
  copyApp,
  pnpm,
  ROOT as root,
  run,
  runOmniOnlyApp,
  step,
  userEnv,
} from './check-lib/consumer-apps.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'exportkit-consumer-check-'));
const keep = process.env.KEEP_CONSUMER_APP === '1'; // leave the scratch folder for debugging

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

/** Copies an example app out of the workspace, installs it from the tarballs with npm, and type-checks and compiles it strictly. */
function installApp(name, tarballs) {
  step(`${name}: copy out of the workspace, install with npm from the tarballs, strict tsc`);
  const app = copyApp(name, scratch);
  useTarballs(app, tarballs);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assertFromTarballs(app);
  compileStrict(app);
  return app;
}

/**
 * The CLI installs light: exporting from the real vendors does not bring the
 * sandbox's file writers (exceljs, pdf-lib), and `exportkit demo` without the
 * sandbox says in one line what to install.
 */
function checkLightCli(tarballs) {
  step('@exportkit/cli alone: no sandbox file writers, no queue installed; demo and worker say what to install');
  const dir = join(scratch, 'cli-only');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cli-only', private: true, dependencies: { '@exportkit/cli': '*' } }));
  useTarballs(dir, tarballs);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  const heavy = ['exceljs', 'pdf-lib', '@exportkit/sandbox', 'bullmq', 'ioredis', '@exportkit/queue'].filter((name) => existsSync(join(dir, 'node_modules', name)));
  if (heavy.length > 0) throw new Error(`npm i @exportkit/cli installed ${heavy.join(', ')}`);
  const bin = join(dir, 'node_modules', '@exportkit', 'cli', 'dist', 'bin.js');
  const demo = spawnSync(process.execPath, [bin, 'demo'], { cwd: dir, env: userEnv, encoding: 'utf8', timeout: 30_000 });
  const lines = demo.stderr.trim().split('\n');
  if (demo.status !== 2 || lines.length !== 1 || !lines[0].includes('npm install @exportkit/sandbox')) {
    throw new Error(`exportkit demo without the sandbox: exit ${demo.status}, stderr:\n${demo.stderr}`);
  }
  console.log(`no exceljs, no pdf-lib; exportkit demo -> exit 2: ${lines[0]}`);
  // The fleet (BullMQ, a Redis client) is an optional peer too; nothing is sent before the message.
  const worker = spawnSync(process.execPath, [bin, 'worker', '--redis', 'redis://127.0.0.1:1'], { cwd: dir, env: userEnv, encoding: 'utf8', timeout: 30_000 });
  const workerLines = worker.stderr.trim().split('\n');
  if (worker.status !== 2 || workerLines.length !== 1 || !workerLines[0].includes('npm install @exportkit/queue')) {
    throw new Error(`exportkit worker without the queue: exit ${worker.status}, stderr:\n${worker.stderr}`);
  }
  console.log(`no bullmq, no ioredis; exportkit worker -> exit 2: ${workerLines[0]}`);
}

try {
  step('pack every publishable package');
  const tarballs = packAll(mkdtempSync(join(scratch, 'tarballs-')));

  const app = installApp('consumer-app', tarballs);
  step('consumer-app: export from every vendor on the sandbox');
  run(process.execPath, ['dist/main.js'], app);

  checkLightCli(tarballs);

  const omniOnly = installApp('omni-only-app', tarballs);
  assertOnlyPackages(omniOnly, ['@exportkit/core', '@exportkit/omni', '@exportkit/poller']);
  step('omni-only-app: export a dashboard with exportOmniDashboard from @exportkit/poller/omni');
  await runOmniOnlyApp(omniOnly, scratch);
  console.log('\nconsumer apps: the packed packages install per vendor, type-check strictly and export correctly');
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
