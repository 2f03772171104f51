// Figure 6. Build: a cold `pnpm build` (turbo --force: every task runs) vs a
// warm one (nothing changed: every task is a cache hit), and the time to
// generate each vendor's client from its spec + overlay.
import { join } from 'node:path';
import { VENDORS } from '../../../scripts/lib/vendors.mjs';
import { median, timeCommand } from '../lib/measure.mjs';
import { REPO_ROOT } from '../lib/repo.mjs';

const turbo = (args) => timeCommand('pnpm', ['exec', 'turbo', 'run', 'build', ...args], { cwd: REPO_ROOT });

export default {
  id: 'build',
  title: '6. Build',
  async run({ smoke }) {
    const cold = turbo(['--force']);
    const warm = turbo([]);
    const fullHit = /FULL TURBO/.test(warm.stdout);
    const rows = [
      {
        measure: 'warm build (turbo cache) vs cold build',
        ours: `${(warm.ms / 1000).toFixed(2)} s`,
        baseline: `${(cold.ms / 1000).toFixed(2)} s`,
        ratio: warm.ms / cold.ms,
        target: 'full cache hit',
        met: fullHit,
      },
    ];
    const runs = smoke ? 1 : 3;
    for (const vendor of Object.keys(VENDORS)) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        times.push(timeCommand('node', ['../../scripts/generate-client.mjs', vendor], { cwd: join(REPO_ROOT, 'packages', vendor) }).ms);
      }
      rows.push({ measure: `generate ${vendor} (spec + overlay -> types)`, ours: `${median(times).toFixed(0)} ms`, baseline: '', ratio: undefined, target: '', met: undefined });
    }
    return rows;
  },
};
