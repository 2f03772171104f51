// Status calls per second through three clients of the same server, in
// rounds in a shuffled order (seeded, the same every run): the generated
// typed client (openapi-fetch + our auth, validation and error middleware), a bare
// openapi-fetch client (no middleware), and plain fetch of the same URL with
// the same header. All on Node's global keep-alive agent. Besides calls per
// second, each round's CPU time per call (process.cpuUsage, user + system,
// this process only: the server runs in its own), which a loaded machine
// moves much less than it moves wall time. Prints one JSON line:
// { typed, bare, plain } calls/s per round, and `cpu`, the same in µs per call.
//   node client-overhead.mjs <serverUrl> <calls per round> <rounds>
import { createClosientClient } from '@exportkit/closient';
import createClient from 'openapi-fetch';
import { roundOrder } from '../lib/measure.mjs';

const [serverUrl, callsArg, roundsArg] = process.argv.slice(2);
const calls = Number(callsArg);
const rounds = Number(roundsArg);
const ORG = 'a2b3c4d5e6f7g8h9i2j3k4';
const JOB = 'b2b3c4d5e6f7g8h9i2j3k4';
const API_KEY = 'csb_benchmark_key_0000';
const CONCURRENCY = 8;
const PATH = '/dashboard/api/v1/data-export/{organization_id}/{job_id}';
const params = { path: { organization_id: ORG, job_id: JOB } };

/** One round: calls per second, and CPU µs per call. */
async function measure(call) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { perSecond: calls / seconds, cpuMicros: (cpu.user + cpu.system) / calls };
}

const typedClient = createClosientClient({ apiKey: API_KEY, baseUrl: serverUrl });
const bareClient = createClient({ baseUrl: serverUrl, headers: { 'X-API-Key': API_KEY } });
const url = `${serverUrl}/dashboard/api/v1/data-export/${ORG}/${JOB}`;
const contenders = {
  typed: async () => {
    const { data } = await typedClient.GET(PATH, { params });
    if (!data) throw new Error('typed call failed');
  },
  bare: async () => {
    const { data } = await bareClient.GET(PATH, { params });
    if (!data) throw new Error('bare openapi-fetch call failed');
  },
  plain: async () => {
    const response = await fetch(url, { headers: { 'X-API-Key': API_KEY } });
    if (!response.ok) throw new Error('plain call failed');
    await response.json();
  },
};
const ids = Object.keys(contenders);
// Warm up the connections and the JIT.
for (const id of ids) await measure(contenders[id]);
const perSecond = Object.fromEntries(ids.map((id) => [id, []]));
const cpu = Object.fromEntries(ids.map((id) => [id, []]));
for (let round = 0; round < rounds; round++) {
  for (const id of roundOrder(ids, round)) {
    const result = await measure(contenders[id]);
    perSecond[id].push(result.perSecond);
    cpu[id].push(result.cpuMicros);
  }
}
console.log(JSON.stringify({ ...perSecond, cpu }));
