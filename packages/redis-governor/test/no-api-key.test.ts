import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { exportClosientOrg } from '@exportkit/poller/closient';
import { exportOmniDashboard } from '@exportkit/poller/omni';
import { startSandbox, type Sandbox } from '@exportkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisGovernor } from '../src/index.js';
import { dumpRedis, useRedisServer } from './helpers.js';

const redis = useRedisServer();
let sandbox: Sandbox;
let folder: string;
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 50 });
  folder = await mkdtemp(join(tmpdir(), 'exportkit-redis-governor-'));
});
afterAll(async () => {
  await sandbox?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('RedisGovernor: no API key in Redis', () => {
  it('after real exports with 429s (paused and probed keys) and RateLimit-* answers, no key, value or channel holds an API key', async () => {
    sandbox.addFault({ fault: 'rate-limit-no-retry-after', vendor: 'omni', stage: 'poll', times: 1 });
    sandbox.addFault({ fault: 'rate-limit-retry-after-seconds', vendor: 'closient', stage: 'poll', times: 1, retryAfterSeconds: 1 });
    const governor = new RedisGovernor({ redis: redis.current.url, defaultPauseMs: 100 });
    try {
      const omni = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni });
      const closient = createClosientClient({ apiKey: sandbox.apiKeys.closient, baseUrl: sandbox.baseUrls.closient });
      const options = { to: folder, governor, minDelayMs: 20, maxDelayMs: 200 };
      const results = await Promise.all([
        ...Array.from({ length: 3 }, (_, i) =>
          exportOmniDashboard(omni, { dashboardId: `${sandbox.fixtures.omniDashboardId}-${i}`, body: { format: 'csv' } }, { ...options, filename: `omni-${i}.csv` }),
        ),
        exportClosientOrg(closient, { organizationId: sandbox.fixtures.closientOrganizationId }, { ...options, filename: 'closient.zip' }),
      ]);
      expect(results).toHaveLength(4);
      expect(sandbox.requestCount('any', { status: 429 })).toBe(2);
    } finally {
      await governor.close();
    }
    const { keys, text } = await dumpRedis(redis.current.url);
    // The budgets are there (one per vendor key), named by hash.
    expect(keys.some((k) => k.includes('{omni:key-'))).toBe(true);
    expect(keys.some((k) => k.includes('{closient:key-'))).toBe(true);
    for (const apiKey of Object.values(sandbox.apiKeys)) {
      expect(text).not.toContain(apiKey);
      // Nor a recognisable piece of it.
      for (let at = 0; at + 12 <= apiKey.length; at += 6) expect(text).not.toContain(apiKey.slice(at, at + 12));
    }
  });
});
