import { startRedisServer, findRedisServer, type RedisServer } from '@exportkit/testkit/redis-server';
import type { BudgetKey } from '@exportkit/poller';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real redis-server for the enclosing file: installed if missing (minutes
 * on a fresh machine, hence the long hook), started before its tests, stopped
 * after them.
 */
export function useRedisServer(): { readonly current: RedisServer } {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    findRedisServer();
    server = await startRedisServer();
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get current(): RedisServer {
      if (!server) throw new Error('redis-server is not started yet');
      return server;
    },
  };
}

let keys = 0;
/** A budget key no other test uses. */
export function freshKey(quotas: BudgetKey['quotas'] = [], vendor = 'omni'): BudgetKey {
  return { vendor, keyId: `key-test-${process.pid}-${++keys}`, quotas };
}

/** The most requests that started within any `windowMs` (start times in ms, any order). */
export function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds, checking every 10 ms; throws after `timeoutMs`. */
export async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !done(); await delay(10)) {
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms`);
  }
}

/** Every key in the Redis, with every value it holds (hash fields, set members and scores), as text. */
export async function dumpRedis(url: string): Promise<{ keys: string[]; text: string }> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    // Bounded: SCAN visits every key once per full cycle; a test Redis holds a few hundred at most.
    for (let round = 0; round < 10_000; round++) {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
      if (cursor === '0') break;
    }
    const parts: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES')));
      else if (type === 'string') parts.push((await redis.get(key)) ?? '');
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      else parts.push(`<${type}>`);
    }
    parts.push(JSON.stringify(await redis.pubsub('CHANNELS')));
    return { keys, text: parts.join('\n') };
  } finally {
    redis.disconnect();
  }
}

/** How many script calls (EVAL/EVALSHA) the Redis has run since it started. */
export async function scriptCalls(url: string): Promise<number> {
  const redis = new Redis(url);
  try {
    const stats = await redis.info('commandstats');
    let calls = 0;
    for (const match of stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)) calls += Number(match[1]);
    return calls;
  } finally {
    redis.disconnect();
  }
}
