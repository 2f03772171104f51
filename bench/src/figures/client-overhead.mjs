// Figure 3. Client overhead: status calls per second through the generated
// typed client (openapi-fetch + our auth, validation and error middleware)
// vs plain fetch of the same URL with the same headers, both on Node's
// global keep-alive agent, against the same server, in alternating rounds.
import { createClosientClient } from '@exportkit/closient';
import { median } from '../lib/measure.mjs';
import { startStatusServer } from '../lib/status-server.mjs';

const ORG = 'a2b3c4d5e6f7g8h9i2j3k4';
const JOB = 'b2b3c4d5e6f7g8h9i2j3k4';
const API_KEY = 'csb_benchmark_key_0000';
const CONCURRENCY = 8;

async function callsPerSecond(calls, call) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return calls / ((performance.now() - started) / 1000);
}

export default {
  id: 'client-overhead',
  title: '3. Client overhead',
  async run({ smoke }) {
    const server = await startStatusServer();
    try {
      const client = createClosientClient({ apiKey: API_KEY, baseUrl: server.url });
      const url = `${server.url}/dashboard/api/v1/data-export/${ORG}/${JOB}`;
      const typed = async () => {
        const { data } = await client.GET('/dashboard/api/v1/data-export/{organization_id}/{job_id}', {
          params: { path: { organization_id: ORG, job_id: JOB } },
        });
        if (!data) throw new Error('typed call failed');
      };
      const plain = async () => {
        const response = await fetch(url, { headers: { 'X-API-Key': API_KEY } });
        if (!response.ok) throw new Error('plain call failed');
        await response.json();
      };
      const calls = smoke ? 200 : 5_000;
      const rounds = smoke ? 2 : 7;
      await callsPerSecond(calls / 4, plain); // warm up the connections and the JIT
      await callsPerSecond(calls / 4, typed);
      const ratios = [];
      const ours = [];
      const theirs = [];
      for (let round = 0; round < rounds; round++) {
        // Alternate which goes first, so drift on a shared machine hits both alike.
        const [a, b] = round % 2 ? [typed, plain] : [plain, typed];
        const first = await callsPerSecond(calls, a);
        const second = await callsPerSecond(calls, b);
        const [t, p] = round % 2 ? [first, second] : [second, first];
        ours.push(t);
        theirs.push(p);
        ratios.push(t / p);
      }
      const ratio = median(ratios);
      return [
        {
          measure: `status calls/s, ${CONCURRENCY} concurrent, median of ${rounds} alternating rounds of ${calls}`,
          ours: `${median(ours).toFixed(0)}/s typed client`,
          baseline: `${median(theirs).toFixed(0)}/s plain fetch`,
          ratio,
          target: '≥ 0.90',
          met: ratio >= 0.9,
        },
      ];
    } finally {
      await server.close();
    }
  },
};
