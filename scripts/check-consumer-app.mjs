#!/usr/bin/env node
// Proves the packages work the way a user gets them: every publishable package
// is packed (`pnpm pack`, which rewrites `workspace:^` to real versions), then
// examples/consumer-app and examples/omni-only-app are installed from those tarballs with npm — outside
// the workspace, so no symlink to packages/ can hide a missing file or export —
// type-checked strictly, compiled and run against the sandbox.
// Run from the repo root after `pnpm build`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

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

/** Copies an example app out of the workspace, installs it from the tarballs with npm, and type-checks and compiles it strictly. */
function installApp(name, tarballs) {
  step(`${name}: copy out of the workspace, install with npm from the tarballs, strict tsc`);
  const app = join(scratch, name);
  cpSync(join(root, 'examples', name), app, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  useTarballs(app, tarballs);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assertFromTarballs(app);
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tsc, '--noEmit'], app);
  run(process.execPath, [tsc], app);
  return app;
}

/** "Install one vendor, get one vendor": the Omni-only app holds no other @exportkit package, direct or transitive. */
function assertOnlyPackages(appDir, allowed) {
  const installed = readdirSync(join(appDir, 'node_modules', '@exportkit')).map((dir) => `@exportkit/${dir}`);
  const extra = installed.filter((name) => !allowed.includes(name));
  if (extra.length > 0) throw new Error(`an Omni-only install brought ${extra.join(', ')}`);
  console.log(`node_modules/@exportkit holds only ${installed.join(', ')}`);
}

/** Runs the Omni-only app against a sandbox started here (the app itself does not install it) and checks its file. */
async function runOmniOnlyApp(app) {
  const { startSandbox } = await import(join(root, 'packages', 'sandbox', 'dist', 'index.js'));
  const sandbox = await startSandbox({ jobDurationMs: 300 });
  const out = mkdtempSync(join(scratch, 'omni-exports-'));
  try {
    const env = {
      ...userEnv,
      OMNI_API_KEY: sandbox.apiKeys.omni,
      OMNI_BASE_URL: sandbox.baseUrls.omni,
      OMNI_DASHBOARD_ID: sandbox.fixtures.omniDashboardId,
      EXPORT_DIR: out,
    };
    console.log('$ node dist/main.js   (against the sandbox)');
    // Asynchronous: the sandbox answering the app runs in this very process.
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/main.js'], { cwd: app, env });
    const result = JSON.parse(stdout.trim().split('\n').pop());
    const expected = await sandbox.artifact('omni', result.jobId);
    if (expected.sha256 !== result.sha256) throw new Error(`omni-only app wrote ${result.sha256}, the sandbox served ${expected.sha256}`);
    console.log(`ok   omni     ${result.bytes} bytes  ${result.file}`);
  } finally {
    await sandbox.close();
  }
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
  await runOmniOnlyApp(omniOnly);
  console.log('\nconsumer apps: the packed packages install per vendor, type-check strictly and export correctly');
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
