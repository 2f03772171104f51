// The Node binaries the measuring children run under: this one (Node 20 in
// CI) and Node 24, which most users run now. Node 24 comes from npm
// (`node-<platform>-<arch>@24`), installed once into a temp prefix and reused.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function versionOf(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

function installNode24() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(tmpdir(), 'exportkit-bench-node24');
  const binary = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(binary)) {
    console.error(`installing ${pkg}@24 into ${prefix} (once) ...`);
    // Without pnpm's npm_config_* settings, which npm does not know and warns about.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')));
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${pkg}@24`], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
  return binary;
}

/**
 * `[{ label, path }]`: this Node, then Node 24 (from `node24`, a path, else
 * installed from npm) unless `smoke` (CI proves the benchmarks run, cheaply,
 * on its one Node) or this Node is 24 already.
 */
export function nodeBinaries({ smoke, node24 }) {
  const nodes = [{ label: `Node ${process.version}`, path: process.execPath }];
  if (process.versions.node.startsWith('24.') || (smoke && !node24)) return nodes;
  const path = node24 ?? installNode24();
  const version = versionOf(path);
  if (!version.startsWith('v24.')) throw new Error(`${path} is Node ${version}, not 24`);
  nodes.push({ label: `Node ${version}`, path });
  return nodes;
}
