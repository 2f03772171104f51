import { afterEach, describe, expect, it } from 'vitest';
import { RedisGovernor, type RedisGovernorOptions } from '../src/index.js';
import { delay, freshKey, maxInAnyWindow, until, useRedisServer } from './helpers.js';

const redis = useRedisServer();
const governors: RedisGovernor[] = [];
const governor = (options: Partial<RedisGovernorOptions> = {}): RedisGovernor => {
  const made = new RedisGovernor({ redis: redis.current.url, ...options });
  governors.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(governors.splice(0).map((g) => g.close()));
});

/**
 * Governors that have connected and run a script: what one tells Redis then
 * lands within a round trip (a first call also waits for the connection).
 */
async function connected<T extends RedisGovernor[]>(...fleet: T): Promise<T> {
  const warmUp = freshKey([]);
  for (const g of fleet) (await g.reserve(warmUp))();
  return fleet;
}

/** Milliseconds until `g` grants a slot of `key` (settled at once). */
async function msUntilGrant(g: RedisGovernor, key: ReturnType<typeof freshKey>): Promise<number> {
  const started = Date.now();
  (await g.reserve(key))();
  return Date.now() - started;
}

describe('RedisGovernor: what one worker learns, every worker obeys', () => {
  it('a hinted 429 in one process pauses the key in another (capped by maxPauseMs)', async () => {
    const key = freshKey([]);
    const [a, b] = await connected(governor({ maxPauseMs: 700 }), governor());
    a.pause(key, 100 * 365 * 86_400_000);
    await delay(20);
    const waited = await msUntilGrant(b, key);
    expect(waited).toBeGreaterThanOrEqual(600);
    expect(waited).toBeLessThan(1_500);
  });

  it('RateLimit-Remaining: 0 seen by one process holds back another until the reset', async () => {
    const key = freshKey([], 'closient');
    const [a, b] = await connected(governor(), governor());
    a.observe(key, new Headers({ 'RateLimit-Remaining': '0', 'RateLimit-Reset': '1' }));
    await delay(20);
    const waited = await msUntilGrant(b, key);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(2_000);
  });

  it('a RateLimit-Policy seen by one process replaces the windows of all', async () => {
    const key = freshKey([{ limit: 100, windowMs: 60_000 }], 'closient');
    const [a, b] = await connected(governor(), governor());
    a.observe(key, new Headers({ 'RateLimit-Policy': '2;w=1' }));
    await delay(20);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const settle = await (i % 2 ? a : b).reserve(key);
        starts.push(Date.now());
        settle();
      }),
    );
    expect(maxInAnyWindow(starts, 1_000)).toBeLessThanOrEqual(2);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(950);
  });

  it('an unhinted 429 probes the key for the whole fleet: one request at a time, ~1 s doubling while refused, reopened by an answer', async () => {
    const key = freshKey([{ limit: 60, windowMs: 10_000 }]);
    // random 1: no jitter, so the steps are exactly 200, 400 ms (defaultPauseMs 200 for a short test).
    const [a, b] = await connected(governor({ defaultPauseMs: 200, random: () => 1 }), governor({ defaultPauseMs: 200, random: () => 1 }));
    a.pause(key, undefined);
    const probedAt = Date.now();
    await delay(20);
    const grants: { at: number; settle: (outcome?: 'answered' | 'rate-limited' | 'no-answer') => void }[] = [];
    const waiting = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserve(key).then((settle) => grants.push({ at: Date.now(), settle })));
    await until(() => grants.length >= 1);
    await delay(200);
    // One probe went out after ~200 ms, from either process; nobody else while it is in flight.
    expect(grants).toHaveLength(1);
    expect((grants[0] as { at: number }).at - probedAt).toBeGreaterThanOrEqual(180);
    const refusedAt = Date.now();
    (grants[0] as (typeof grants)[0]).settle('rate-limited');
    await until(() => grants.length >= 2);
    // Refused again: the next probe came ~400 ms after the refusal, and alone.
    expect((grants[1] as { at: number }).at - refusedAt).toBeGreaterThanOrEqual(380);
    await delay(100);
    expect(grants).toHaveLength(2);
    (grants[1] as (typeof grants)[0]).settle('answered');
    await Promise.all(waiting);
    for (const g of grants.slice(2)) g.settle();
    expect(grants).toHaveLength(20);
  });

  it("a caller's clock 2 s ahead changes nothing: every decision runs on Redis's clock", async () => {
    const key = freshKey([{ limit: 3, windowMs: 800 }]);
    const skewed = governor({ clock: () => Date.now() + 2_000 });
    const honest = governor();
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, async (_, i) => {
        const settle = await (i % 2 ? skewed : honest).reserve(key);
        starts.push(Date.now());
        settle();
      }),
    );
    expect(maxInAnyWindow(starts, 800)).toBeLessThanOrEqual(3);
    // Three windows' worth, no more (a skewed clock would have either rushed or stalled them).
    const span = Math.max(...starts) - Math.min(...starts);
    expect(span).toBeGreaterThanOrEqual(1_550);
    expect(span).toBeLessThan(1_600 + 1_000);
  });
});
