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
import { seededRandom } from '@exportkit/testkit/seeded-random';
import { createVirtualTime } from '@exportkit/testkit/virtual-time';
import { startSandbox } from '@exportkit/sandbox';

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
    // The sandbox reads the same virtual clock: its jobs take 30 s of it, and it enforces Omni's 60/min per key.
    const sandbox = await startSandbox({ now: time.clock, jobDurationMs: 30_000, fileSizes: { omni: 10 } });
    try {
      const client = createOmniClient({ apiKey: sandbox.apiKeys.omni, baseUrl: sandbox.baseUrls.omni, fetch: time.fetch });
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep });
      const options = { governor, clock: time.clock, sleep: time.sleep, random: seededRandom(1), timeoutMs: 24 * 3_600_000 };
      const states = await Promise.all(
        Array.from({ length: 1000 }, async (_, i) => {
          const job = await startOmniExport(client, { dashboardId: `dash-${i}`, body: { format: 'pdf' } }, options);
          return (await job.wait({ ...options, minDelayMs: 2_000, maxDelayMs: 30_000 })).state;
        }),
      );
      expect(states.every((s) => s === 'succeeded')).toBe(true);
      expect(sandbox.requestCount('omni', { stage: 'start' })).toBe(1000);
      expect(sandbox.requestCount('omni', { status: 429 })).toBe(0);
    } finally {
      await time.stop();
      await sandbox.close();
    }
  }, 120_000);
});

describe('a 429 with no hint: the key is probed, one request at a time', () => {
  it('lets exactly one probe out after about a second, backs off while refused, and reopens on the first answer', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, random: () => 1 });
      const k = key('omni', 'k');
      governor.pause(k, undefined);
      const grants: { at: number; settle: (outcome?: 'answered' | 'rate-limited' | 'no-answer') => void }[] = [];
      let reopened = false;
      const waiting = Array.from({ length: 1000 }, () =>
        governor.reserve(k).then((settle) => {
          grants.push({ at: time.clock(), settle });
          if (reopened) settle();
        }),
      );
      await time.until(() => grants.length === 1);
      // random 1: the whole step. A whole window (60 s) was the old pause.
      expect(grants[0]?.at).toBe(1_000);
      // Refused again: the next probe waits twice as long, and nothing else goes meanwhile.
      grants[0]?.settle('rate-limited');
      await time.until(() => grants.length === 2);
      expect(grants[1]?.at).toBe(1_000 + 2_000);
      grants[1]?.settle('rate-limited');
      await time.until(() => grants.length === 3);
      expect(grants[2]?.at).toBe(3_000 + 4_000);
      // The vendor answers: the key reopens, and the queue drains at the quota's pace.
      grants[2]?.settle('answered');
      await time.until(() => grants.length >= 60);
      expect(grants.slice(3, 60).every((grant) => grant.at === 7_000)).toBe(true);
      reopened = true;
      for (const grant of grants) grant.settle();
      await Promise.all(waiting);
      expect(grants).toHaveLength(1000);
      expect(maxInAnyWindow(grants.map((g) => g.at), 60_000)).toBeLessThanOrEqual(60);
    } finally {
      await time.stop();
    }
  });

  it('the backoff stops doubling at the shortest window, and a probe with no answer is tried again at the same step', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, random: () => 1 });
      const k = key('omni', 'k');
      governor.pause(k, undefined);
      const at: number[] = [];
      for (const outcome of ['rate-limited', 'no-answer', 'rate-limited', 'rate-limited', 'rate-limited', 'rate-limited', 'rate-limited', 'rate-limited'] as const) {
        const settle = await governor.reserve(k);
        at.push(time.clock());
        settle(outcome);
      }
      const gaps = at.map((t, i) => t - (at[i - 1] ?? 0));
      expect(gaps).toEqual([1_000, 2_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    } finally {
      await time.stop();
    }
  });

  it('a thousand jobs on a refusing key send one probe per backoff step, not one each', async () => {
    const time = createVirtualTime(0);
    try {
      const governor = new RateLimitGovernor({ clock: time.clock, sleep: time.sleep, random: seededRandom(7) });
      const k = key('omni', 'k');
      governor.pause(k, undefined);
      let probes = 0;
      const jobs = Array.from({ length: 1000 }, () =>
        governor.reserve(k).then((settle) => {
          // The vendor keeps its window closed for two minutes of virtual time.
          const refused = time.clock() < 120_000;
          if (refused) probes++;
          settle(refused ? 'rate-limited' : 'answered');
        }),
      );
      await time.until(() => time.clock() >= 120_000);
      // Steps of at most 1, 2, 4, ... 60 s (jittered down to half) fit in two minutes: a handful, never hundreds.
      expect(probes).toBeGreaterThan(3);
      expect(probes).toBeLessThanOrEqual(12);
      await Promise.all(jobs);
    } finally {
      await time.stop();
    }
  });
});

describe('the default budget key', () => {
  it('is derived from the API key (hashed), so separate clients of one key share one budget and other keys do not', async () => {
    const { createJobContext } = await import('../src/export/job-context.js');
    const omni = { name: 'omni', quotas: omniFacts.rateLimits };
    const apiKey = 'omni-shared-key-0123456789';
    const first = createJobContext(omni, createOmniClient({ apiKey, instance: 'acme' }));
    const second = createJobContext(omni, createOmniClient({ apiKey, instance: 'acme' }));
    const other = createJobContext(omni, createOmniClient({ apiKey: `${apiKey}-other`, instance: 'acme' }));
    expect(first.budget.keyId).toBe(second.budget.keyId);
    expect(first.budget.keyId).not.toBe(other.budget.keyId);
    expect(first.budget.keyId).not.toContain(apiKey.slice(0, 10));
    expect(first.budget).toEqual({ vendor: 'omni', keyId: first.budget.keyId, quotas: omniFacts.rateLimits });
    // A caller's own name still wins.
    expect(createJobContext(omni, createOmniClient({ apiKey, instance: 'acme' }), { budgetKey: 'tenant-7' }).budget.keyId).toBe('tenant-7');
  });
});
