import { createOmniClient } from '@exportkit/omni';
import { describe, expect, it } from 'vitest';
import { RateLimitGovernor } from '../src/index.js';
import { startOmniExport } from '../src/omni.js';
import { closientFacts } from '@exportkit/closient';
import { omniFacts } from '@exportkit/omni';
import type { BudgetKey } from '../src/index.js';

/** The budget of `keyId` at `vendor`, with the quotas its overlay declares (as the adapters pass them). */
const QUOTAS = { omni: omniFacts.rateLimits, closient: closientFacts.rateLimits };
const key = (vendor: keyof typeof QUOTAS, keyId: string): BudgetKey => ({ vendor, keyId, quotas: QUOTAS[vendor] });
import { createVirtualTime, seededRandom } from './helpers/virtual-time.js';
import { startVendorServer } from './helpers/vendor-server.js';

function maxInAnyWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('RateLimitGovernor', () => {
  it('never grants more than the quota in any window, and wastes almost none of it', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep });
      const grants: number[] = [];
      await Promise.all(Array.from({ length: 1000 }, () => governor.acquire(key('omni', 'key')).then(() => grants.push(time.clock()))));
      expect(maxInAnyWindow(grants, 60_000)).toBeLessThanOrEqual(60);
      // 1,000 requests at 60/min need at least 16 full minutes after the first burst.
      const minimum = Math.floor((1000 - 1) / 60) * 60_000;
      expect(time.clock()).toBeLessThanOrEqual(minimum * 1.1);
    } finally {
      await time.stop();
    }
  });

  it('pauses every job of the key after a 429, and only that key', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, limits: { omni: [] } });
      governor.pause(key('omni', 'a'), 30_000);
      const at: Record<string, number> = {};
      await Promise.all([
        governor.acquire(key('omni', 'a')).then(() => (at.a = time.clock())),
        governor.acquire(key('omni', 'b')).then(() => (at.b = time.clock())),
      ]);
      expect(at.b).toBe(0);
      expect(at.a).toBe(30_000);
    } finally {
      await time.stop();
    }
  });

  it('does not believe a Retry-After of years: the pause stops at maxPauseMs (or the longest window)', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, limits: { omni: [], closient: [{ limit: 5, windowMs: 86_400_000 }] } });
      const years = 100 * 365 * 86_400_000;
      governor.pause(key('omni', 'k'), years);
      await governor.acquire(key('omni', 'k'));
      expect(time.clock()).toBe(15 * 60_000);
      // A daily quota's reset is credible: the ceiling never cuts below the key's longest window.
      governor.pause(key('closient', 'k'), years);
      const before = time.clock();
      await governor.acquire(key('closient', 'k'));
      expect(time.clock() - before).toBe(86_400_000);
    } finally {
      await time.stop();
    }
  });

  it('follows RateLimit-Remaining / -Reset and adopts RateLimit-Policy', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep });
      governor.observe(key('closient', 'k'), new Headers({ 'RateLimit-Remaining': '0', 'RateLimit-Reset': '7', 'RateLimit-Policy': '5;w=10' }));
      await governor.acquire(key('closient', 'k'));
      expect(time.clock()).toBe(7_000);
    } finally {
      await time.stop();
    }
  });

  it('a reserved slot stays taken while its request is in flight, and its window starts at the answer', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, limits: { omni: [{ limit: 2, windowMs: 1_000 }] } });
      const first = await governor.reserve(key('omni', 'k'));
      const second = await governor.reserve(key('omni', 'k'));
      let thirdAt: number | undefined;
      const third = governor.reserve(key('omni', 'k')).then((settle) => {
        thirdAt = time.clock();
        return settle;
      });
      // Long after one window, the two requests are still unanswered: the
      // vendor may not even have counted them yet, so nothing more is sent.
      await time.sleep(5_000);
      expect(thirdAt).toBeUndefined();
      first();
      first(); // settling twice counts once
      await time.sleep(999);
      expect(thirdAt).toBeUndefined();
      const settleThird = await third;
      expect(thirdAt).toBe(6_000);
      second();
      settleThird();
    } finally {
      await time.stop();
    }
  });

  it('an aborted waiter leaves the queue without a grant', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, limits: { omni: [{ limit: 1, windowMs: 1000 }] } });
      await governor.acquire(key('omni', 'k'));
      const controller = new AbortController();
      const waiting = governor.acquire(key('omni', 'k'), controller.signal);
      controller.abort(new Error('stop'));
      await expect(waiting).rejects.toThrow('stop');
    } finally {
      await time.stop();
    }
  });

  it('1,000 concurrent Omni jobs on one key get no 429 (virtual time, real HTTP)', async () => {
    const time = createVirtualTime(0);
    const server = await startVendorServer({ clock: time.clock, jobMs: 30_000, fileSize: 10, omniLimit: { limit: 60, windowMs: 60_000 } });
    try {
      const client = createOmniClient({ apiKey: 'omni-key-0123456789', baseUrl: server.omniBase, fetch: time.fetch });
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep });
      const options = { governor, clock: time.clock, sleep: time.sleep, random: seededRandom(1), timeoutMs: 24 * 3_600_000 };
      const states = await Promise.all(
        Array.from({ length: 1000 }, async (_, i) => {
          const job = await startOmniExport(client, { dashboardId: `dash-${i}`, body: { format: 'pdf' } }, options);
          return (await job.wait({ ...options, minDelayMs: 2_000, maxDelayMs: 30_000 })).state;
        }),
      );
      expect(states.every((s) => s === 'succeeded')).toBe(true);
      expect(server.omni429()).toBe(0);
    } finally {
      await time.stop();
      await server.close();
    }
  }, 120_000);
});
