#!/usr/bin/env node
// Checks that the package in the current folder installs the way users get it:
// publint (package.json and files) and @arethetypeswrong/cli (types resolve
// for every module resolution users have), both on the `pnpm pack` tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const out = mkdtempSync(join(tmpdir(), 'exportkit-pack-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(out, readdirSync(out).find((f) => f.endsWith('.tgz')));
  run('publint', ['run', tarball, '--strict']);
  // ESM-only on purpose: Node >= 20.19 can require() ESM, so no CJS build is shipped.
  run('attw', [tarball, '--profile', 'esm-only']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
