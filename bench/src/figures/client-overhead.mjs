// Figure 3. Client overhead: status calls per second through the generated
// typed client vs a bare openapi-fetch client (no middleware: the real peer)
// vs plain fetch, against one server in its own process, measured in a child
// process under each Node binary (workers/client-overhead.mjs), with the
// client process's CPU time per call beside it.
import { median } from '../lib/measure.mjs';
import { runWorker } from '../lib/run-worker.mjs';
import { startStatusServer } from '../lib/status-server.mjs';

/** The median over rounds of a's calls/s over b's in the same round. */
const ratio = (a, b) => median(a.map((value, round) => value / b[round]));

export default {
  id: 'client-overhead',
  title: '3. Client overhead',
  async run({ smoke, nodes }) {
    const server = await startStatusServer();
    try {
      const calls = smoke ? 200 : 5_000;
      const rounds = smoke ? 2 : 7;
      const rows = [];
      for (const node of nodes()) {
        const { typed, bare, plain, cpu } = await runWorker('client-overhead', [server.url, String(calls), String(rounds)], node.path);
        const measure = `${node.label}: status calls/s, 8 concurrent, median of ${rounds} shuffled rounds of ${calls}`;
        const perSecond = (values) => `${median(values).toFixed(0)}/s`;
        const micros = (values) => `${median(values).toFixed(1)} µs`;
        const cpuMeasure = `${node.label}: client CPU per call (process.cpuUsage, user + system), median of ${rounds} rounds`;
        rows.push(
          {
            measure: `${measure}: typed client vs bare openapi-fetch (no middleware)`,
            ours: `${perSecond(typed)} typed client`,
            baseline: `${perSecond(bare)} bare openapi-fetch`,
            ratio: ratio(typed, bare),
            target: '≥ 0.97',
            met: ratio(typed, bare) >= 0.97,
          },
          {
            measure: `${measure}: typed client vs plain fetch`,
            ours: `${perSecond(typed)} typed client`,
            baseline: `${perSecond(plain)} plain fetch`,
            ratio: ratio(typed, plain),
            target: '≥ 0.90',
            met: ratio(typed, plain) >= 0.9,
          },
          {
            measure: `${measure}: what openapi-fetch itself costs, bare openapi-fetch vs plain fetch`,
            ours: `${perSecond(bare)} bare openapi-fetch`,
            baseline: `${perSecond(plain)} plain fetch`,
            ratio: ratio(bare, plain),
            target: 'reference',
            met: undefined,
          },
          // CPU ratios are ours over theirs: above 1 costs more.
          {
            measure: `${cpuMeasure}: typed client vs bare openapi-fetch`,
            ours: `${micros(cpu.typed)} typed client`,
            baseline: `${micros(cpu.bare)} bare openapi-fetch`,
            ratio: ratio(cpu.typed, cpu.bare),
            target: 'reference (CPU, lower is lighter)',
            met: undefined,
          },
          {
            measure: `${cpuMeasure}: typed client vs plain fetch`,
            ours: `${micros(cpu.typed)} typed client`,
            baseline: `${micros(cpu.plain)} plain fetch`,
            ratio: ratio(cpu.typed, cpu.plain),
            target: 'reference (CPU, lower is lighter)',
            met: undefined,
          },
          {
            measure: `${cpuMeasure}: bare openapi-fetch vs plain fetch`,
            ours: `${micros(cpu.bare)} bare openapi-fetch`,
            baseline: `${micros(cpu.plain)} plain fetch`,
            ratio: ratio(cpu.bare, cpu.plain),
            target: 'reference (CPU, lower is lighter)',
            met: undefined,
          },
        );
      }
      return rows;
    } finally {
      await server.close();
    }
  },
};
