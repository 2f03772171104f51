import { startSandbox } from '@exportkit/sandbox';
const t0 = Date.now();
const sandbox = await startSandbox({ now: () => t0 + (Date.now() - t0) * 100, jobDurationMs: 2000, fileSizes: { omni: 2048, videodb: 2048, closient: 2048 } });
console.log(JSON.stringify({ baseUrls: sandbox.baseUrls, apiKeys: sandbox.apiKeys, fixtures: sandbox.fixtures }));
process.on('SIGTERM', async () => { console.error('429s', sandbox.requests.filter(r=>r.status===429).length, 'starts', sandbox.requestCount('any',{stage:'start'})); await sandbox.close(); process.exit(0); });
