// The pieces every consumer-app check shares (check:consumer installs the apps
// from packed tarballs, check:release from a local npm registry): running a
// command as a user would, copying an example app out of the workspace,
// compiling it strictly, and running the Omni-only app against the sandbox.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The pnpm that runs this script (under `pnpm run`, npm_execpath; in CI pnpm comes from npx and need not be on PATH). */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
}

export function pnpm(args, cwd, env = process.env) {
  const [cmd, prefix] = pnpmCommand();
  execFileSync(cmd, [...prefix, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The environment without the npm_* settings `pnpm run` exports: apps run as a user's would. */
export const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

export function run(cmd, args, cwd, env = userEnv) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env });
}

export const step = (title) => console.log(`\n--- ${title}`);

/** Copies examples/<name> into `into` (without node_modules or dist) and returns its path. */
export function copyApp(name, into) {
  const app = join(into, name);
  cpSync(join(ROOT, 'examples', name), app, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  return app;
}

/** The app's own TypeScript (the version the app pins). */
export const tscOf = (app) => join(app, 'node_modules', 'typescript', 'bin', 'tsc');

/** Type-checks the app strictly and compiles it: one tsc run, which exits non-zero on any type error. */
export function compileStrict(app, env = userEnv) {
  run(process.execPath, [tscOf(app)], app, env);
}

/** "Install one vendor, get one vendor": the app holds no other @exportkit package, direct or transitive. */
export function assertOnlyPackages(appDir, allowed) {
  const installed = readdirSync(join(appDir, 'node_modules', '@exportkit')).map((dir) => `@exportkit/${dir}`);
  const extra = installed.filter((name) => !allowed.includes(name));
  if (extra.length > 0) throw new Error(`an Omni-only install brought ${extra.join(', ')}`);
  console.log(`node_modules/@exportkit holds only ${installed.join(', ')}`);
}

/**
 * Runs the Omni-only app against a sandbox started here (the app itself does
 * not install it) and checks its file against the sandbox's record.
 * `sandboxDir` is the built @exportkit/sandbox to use.
 */
export async function runOmniOnlyApp(app, scratch, sandboxDir = join(ROOT, 'packages', 'sandbox')) {
  const { startSandbox } = await import(join(sandboxDir, 'dist', 'index.js'));
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
