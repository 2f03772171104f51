// Figure 7. Size: the packed tarball, the minified+gzipped runtime of each
// package (an esbuild bundle of its main entry, tree-shaken as a user's
// bundler would), and its runtime dependencies. openapi-fetch is left out:
// the budget is what a vendor package costs *beyond* it. A vendor's figure
// includes the parts of @exportkit/core it uses, since a user ships those too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { formatBytes } from '../lib/measure.mjs';
import { packageJson, PUBLISHED_PACKAGES, REPO_ROOT } from '../lib/repo.mjs';

/** What each runtime budget covers and allows (issue 7). */
const BUDGETS = {
  omni: { bytes: 2048, external: ['openapi-fetch', 'node:*'], note: 'with the core it uses' },
  videodb: { bytes: 2048, external: ['openapi-fetch', 'node:*'], note: 'with the core it uses' },
  closient: { bytes: 2048, external: ['openapi-fetch', 'node:*'], note: 'with the core it uses' },
  // The poller's own code (a Node package: the download writes files); the
  // vendor clients it composes are counted above, Node's built-ins are free.
  poller: { bytes: 10240, external: ['openapi-fetch', '@exportkit/*'], platform: 'node' },
};

async function minGzipBytes(entry, { external, platform = 'neutral' }) {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform, write: false, external, logLevel: 'silent' });
  return gzipSync(result.outputFiles[0].contents).length;
}

function tarballBytes(dir) {
  const out = mkdtempSync(join(tmpdir(), 'exportkit-bench-pack-'));
  try {
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'ignore' });
    return statSync(join(out, readdirSync(out)[0])).size;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export default {
  id: 'size',
  title: '7. Size',
  async run() {
    const rows = [];
    for (const name of PUBLISHED_PACKAGES) {
      const pkg = packageJson(name);
      const dir = join(REPO_ROOT, 'packages', name);
      if (!pkg || !existsSync(join(dir, 'dist'))) continue;
      const deps = Object.keys(pkg.dependencies ?? {});
      const budget = BUDGETS[name];
      const own = budget ? await minGzipBytes(join(dir, 'dist/index.js'), budget) : undefined;
      rows.push({
        measure: `${pkg.name}: tarball ${formatBytes(tarballBytes(dir))}, ${deps.length} runtime dep(s)${deps.length ? ` (${deps.join(', ')})` : ''}`,
        ours: own === undefined ? '' : `${formatBytes(own)} min+gz`,
        baseline: budget ? `budget ${formatBytes(budget.bytes)}` : '',
        ratio: own === undefined ? undefined : own / budget.bytes,
        target: budget ? `≤ ${formatBytes(budget.bytes)}${budget.note ? ` (${budget.note})` : ''}` : '',
        met: own === undefined ? undefined : own <= budget.bytes,
      });
    }
    return rows;
  },
};
