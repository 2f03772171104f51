// A throwaway copy of this repository in a temp dir, as a git repo of its
// own, for tests that run the spec tools and look at what they wrote (git
// status, specs/, .changeset/). The copy is the working tree (tracked and
// untracked, not ignored files), so it tests what is on disk.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).packageManager as string;
const GIT_IDENTITY = ['-c', 'user.email=spec-tests@exportkit.invalid', '-c', 'user.name=spec tests'];
const QUIET_ENV = { TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ScratchRepo {
  dir: string;
  /** Runs `node <script> ...args` in the copy (async, so a test's HTTP server can answer meanwhile). */
  node(script: string, args: string[], timeoutMs?: number): Promise<RunResult>;
  git(...args: string[]): string;
  /** `git status --porcelain` (ignored files such as dist/ and node_modules/ excluded). */
  status(): string;
  /** Back to the scratch copy's first commit, untracked files removed (ignored ones kept). */
  reset(): void;
  close(): void;
}

/**
 * `install`: a real `pnpm install --offline` from the machine's store (needed
 * to build); otherwise the root node_modules is linked (enough for scripts).
 * `distOf`: packages whose built dist/ is copied from this repo (check:specs
 * reads the emitted declarations).
 */
export function makeScratchRepo({ install = false, distOf = [] as string[] } = {}): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), 'exportkit-spec-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) cpSync(join(REPO_ROOT, file), join(dir, file), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  // A linked node_modules is a symlink, which the `node_modules/` ignore rule (directories) misses.
  writeFileSync(join(dir, '.git/info/exclude'), '/node_modules\n');
  git('add', '-A');
  git('commit', '-qm', 'scratch copy');
  const base = git('rev-parse', 'HEAD').trim();
  if (install) {
    execFileSync('npx', ['--yes', PNPM, 'install', '--offline', '--frozen-lockfile'], { cwd: dir, stdio: 'ignore', timeout: 120_000 });
  } else {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  for (const pkg of distOf) cpSync(join(REPO_ROOT, 'packages', pkg, 'dist'), join(dir, 'packages', pkg, 'dist'), { recursive: true });
  return {
    dir,
    git,
    node: (script, args, timeoutMs = 240_000) =>
      new Promise((resolve) => {
        execFile('node', [script, ...args], { cwd: dir, timeout: timeoutMs, env: { ...process.env, ...QUIET_ENV }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      }),
    status: () => git('status', '--porcelain'),
    reset: () => {
      git('reset', '-q', '--hard', base);
      git('clean', '-qfd');
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
