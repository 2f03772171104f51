import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { BudgetKey } from '@exportkit/poller';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisGovernor } from '../src/index.js';
import { delay, freshKey, useRedisServer } from './helpers.js';

const redis = useRedisServer();
const governors: RedisGovernor[] = [];
afterEach(async () => {
  await Promise.all(governors.splice(0).map((g) => g.close()));
});

/** A worker process that takes `count` slots of `keyId` and hangs holding them. */
async function startHolder(key: BudgetKey, count: number, leaseMs: number) {
  const { limit, windowMs } = key.quotas[0] as { limit: number; windowMs: number };
  const script = fileURLToPath(new URL('./fixtures/hold-slots.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, redis.current.url, key.keyId, String(count), String(leaseMs), String(limit), String(windowMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // Bounded: the fixture prints within a second; a broken one fails the test at its timeout.
  while (!out.includes('held')) {
    if (child.exitCode !== null) throw new Error(`the holder exited (${child.exitCode})`);
    await delay(20);
  }
  return child;
}

describe('RedisGovernor: held slots are leases', () => {
  it('a worker killed with SIGKILL mid-request frees its slots when their leases expire', async () => {
    const key = freshKey([{ limit: 2, windowMs: 300 }]);
    const holder = await startHolder(key, 2, 600);
    const governor = new RedisGovernor({ redis: redis.current.url, leaseMs: 600 });
    governors.push(governor);
    try {
      // A live holder renews its leases: long past one lease, the slots are still taken.
      let granted = false;
      const waiting = governor.reserve(key).then((settle) => {
        granted = true;
        return settle;
      });
      await delay(1_500);
      expect(granted).toBe(false);
      const killedAt = Date.now();
      holder.kill('SIGKILL');
      await once(holder, 'exit');
      // ...but a dead one's leases run out (at most a lease after its last
      // renewal); its requests count as answered then, so one window later the slot is free.
      const settle = await waiting;
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(300);
      expect(Date.now() - killedAt).toBeLessThan(600 + 300 + 1_000);
      settle();
    } finally {
      if (holder.exitCode === null) holder.kill('SIGKILL');
    }
  });

  it('a request in flight longer than its lease keeps its slot (the live worker renews it)', async () => {
    const key = freshKey([{ limit: 1, windowMs: 100 }]);
    const [a, b] = [new RedisGovernor({ redis: redis.current.url, leaseMs: 300 }), new RedisGovernor({ redis: redis.current.url, leaseMs: 300 })];
    governors.push(a, b);
    const settle = await a.reserve(key);
    let granted = false;
    const waiting = b.reserve(key).then((s) => {
      granted = true;
      return s;
    });
    await delay(1_200);
    expect(granted).toBe(false);
    settle();
    (await waiting)();
    expect(granted).toBe(true);
  });
});
