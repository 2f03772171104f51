import { afterEach, describe, expect, it } from 'vitest';
import { RedisGovernor } from '../src/index.js';
import { delay, freshKey, maxInAnyWindow, useRedisServer } from './helpers.js';

const redis = useRedisServer();
const governors: RedisGovernor[] = [];
afterEach(async () => {
  await Promise.all(governors.splice(0).map((g) => g.close()));
});

describe('RedisGovernor: Redis killed with kill -9 and restarted', () => {
  it('keeps the budget (append-only file), waits out the outage and carries on', async () => {
    const key = freshKey([{ limit: 5, windowMs: 1_500 }]);
    const [a, b] = [new RedisGovernor({ redis: redis.current.url }), new RedisGovernor({ redis: redis.current.url })];
    governors.push(a, b);
    const starts: number[] = [];
    const run = async (g: RedisGovernor) => {
      const settle = await g.reserve(key);
      starts.push(Date.now());
      settle();
    };
    // The window is spent before the crash...
    await Promise.all(Array.from({ length: 5 }, (_, i) => run(i % 2 ? a : b)));
    const spentAt = Date.now();
    await redis.current.kill9();
    // ...requests queue up while Redis is down...
    const after = Promise.all(Array.from({ length: 10 }, (_, i) => run(i % 2 ? a : b)));
    await delay(300);
    expect(starts).toHaveLength(5);
    await redis.current.restart();
    await after;
    // ...and the restarted Redis still knew the window was spent.
    expect(starts).toHaveLength(15);
    expect(Math.min(...starts.slice(5))).toBeGreaterThanOrEqual(spentAt + 1_500 - 50);
    expect(maxInAnyWindow(starts, 1_500)).toBeLessThanOrEqual(5);
  });
});
