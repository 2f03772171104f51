// Rebuilds one package and every workspace package that depends on it
// (turbo's `--filter=...<name>`): turbo regenerates the client from the new
// spec and leaves unrelated vendors cached.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/vendors.mjs';

// turbo needs the package manager on PATH. Under `pnpm spec:update` it is;
// under a bare `node scripts/spec-update.mjs` it may not be, so turbo runs
// through the pnpm that package.json pins (npx, as the README's commands do).
function turboCommand() {
  if (process.env.npm_config_user_agent?.startsWith('pnpm/')) return [join(REPO_ROOT, 'node_modules/.bin/turbo'), []];
  const { packageManager } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  return ['npx', ['--yes', packageManager, 'exec', 'turbo']];
}

export function rebuildWithDependents(packageName) {
  const [command, prefix] = turboCommand();
  const result = spawnSync(command, [...prefix, 'run', 'build', `--filter=...${packageName}`, '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' },
  });
  return result.status === 0;
}
