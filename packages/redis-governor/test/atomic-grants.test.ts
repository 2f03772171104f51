import { afterEach, describe, expect, it } from 'vitest';
import { RedisGovernor } from '../src/index.js';
import { delay, freshKey, maxInAnyWindow, scriptCalls, useRedisServer } from './helpers.js';

const redis = useRedisServer();
const governors: RedisGovernor[] = [];
const governor = (options: Partial<ConstructorParameters<typeof RedisGovernor>[0]> = {}): RedisGovernor => {
  const made = new RedisGovernor({ redis: redis.current.url, ...options });
  governors.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(governors.splice(0).map((g) => g.close()));
});

describe('RedisGovernor: one budget for many processes', () => {
  it('three governors (three connections) never start more than the quota in any window between them', async () => {
    const key = freshKey([{ limit: 10, windowMs: 400 }]);
    const fleet = [governor(), governor(), governor()];
    const starts: number[] = [];
    const byGovernor = [0, 0, 0];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const settle = await (fleet[i % 3] as RedisGovernor).reserve(key);
        // The request "starts" now and is answered a few ms later: its window begins at the answer.
        starts.push(Date.now());
        byGovernor[i % 3] = (byGovernor[i % 3] ?? 0) + 1;
        await delay(i % 5);
        settle();
      }),
    );
    expect(starts).toHaveLength(60);
    expect(maxInAnyWindow(starts, 400)).toBeLessThanOrEqual(10);
    // Every governor got its share of the work done.
    expect(byGovernor).toEqual([20, 20, 20]);
  });

  it('a slot stays held while its request is in flight, in any process; its settle wakes the others (pub/sub, no polling)', async () => {
    const key = freshKey([{ limit: 1, windowMs: 100 }]);
    const [holder, waiter] = [governor(), governor()];
    const settle = await holder.reserve(key);
    let grantedAt: number | undefined;
    const waiting = waiter.reserve(key).then((s) => {
      grantedAt = Date.now();
      return s;
    });
    const callsBefore = await scriptCalls(redis.current.url);
    await delay(1_500);
    expect(grantedAt).toBeUndefined();
    // Waiting 1.5 s on a held slot (lease 30 s) cost a handful of script calls, not a loop of them.
    expect((await scriptCalls(redis.current.url)) - callsBefore).toBeLessThanOrEqual(3);
    const settledAt = Date.now();
    settle();
    (await waiting)();
    // Woken by the settle, then granted once the slot's 100 ms window (from the answer) passed.
    expect(grantedAt).toBeGreaterThanOrEqual(settledAt + 90);
    expect(grantedAt).toBeLessThan(settledAt + 1_000);
  });

  it('settling twice counts once; an aborted waiter leaves the line without taking a slot', async () => {
    const key = freshKey([{ limit: 1, windowMs: 200 }]);
    const g = governor();
    const settle = await g.reserve(key);
    const controller = new AbortController();
    const aborted = g.reserve(key, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    settle();
    settle();
    const started = Date.now();
    (await g.reserve(key))();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
