import { randomUUID } from 'node:crypto';
import { parseRateLimitHeaders } from '@exportkit/core';
import type { Clock, Logger, Random } from '@exportkit/poller';
import {
  cappedPauseMs,
  ConcurrencyLimit,
  DEFAULT_MAX_PAUSE_MS,
  FIRST_PROBE_DELAY_MS,
  probeCapMs,
  quotasFor,
  type BudgetKey,
  type Governor,
  type RateLimitPolicy,
  type Settle,
} from '@exportkit/poller/governor';
import { Redis } from 'ioredis';
import { budgetNames } from './budget-names.js';
import { BudgetScripts, type BudgetContext } from './budget-scripts.js';
import { LeaseKeeper } from './lease-keeper.js';
import { WaitLine } from './wait-line.js';

export interface RedisGovernorOptions {
  /**
   * The Redis: a `redis://` URL (the governor opens and closes its own
   * connections), or an ioredis connection you own (it is never closed here;
   * give it `maxRetriesPerRequest: null` so calls wait out a Redis restart).
   */
  redis: string | Redis;
  /** Prefix of every key and channel (default `exportkit:governor:`). */
  prefix?: string;
  /** Quotas per vendor name, replacing the documented ones (as RateLimitGovernor's). */
  limits?: Record<string, readonly RateLimitPolicy[]>;
  /** Downloads running at once in this process (default 4). */
  downloadConcurrency?: number;
  /** The first wait of an unhinted 429's probing (default 1 s), as RateLimitGovernor's. */
  defaultPauseMs?: number;
  /** The longest pause a 429's hint may impose (default 15 minutes, or the key's longest window), as RateLimitGovernor's. */
  maxPauseMs?: number;
  /**
   * How long a held slot outlives a worker that stopped renewing it (default
   * 30 s): a live worker renews its leases every third of this; a dead one's
   * slots come free (counted as used at expiry) after at most this long.
   */
  leaseMs?: number;
  /** How long Redis may keep failing calls before the waiting requests fail with ConnectionError (default 60 s). */
  outageMs?: number;
  /**
   * Only to read an absolute `X-RateLimit-Reset` against. Every decision runs
   * on Redis's own clock (`TIME`): machines' clocks differ.
   */
  clock?: Clock;
  /** Jitter of probe delays (default Math.random). */
  random?: Random;
  /** Told when Redis fails a call (the call is retried or its lease expires). */
  logger?: Logger;
}

/**
 * A `Governor` whose budgets live in Redis, so every worker process on every
 * machine that uses one vendor key shares one budget. Each decision is one
 * Lua script (grants are atomic across processes) on Redis's clock; a held
 * slot is a lease that its worker renews, so a worker that dies frees its
 * slots; pauses, probing and RateLimit-* corrections are stored with the
 * budget, for all. Waiters are woken by pub/sub when a slot is settled, and
 * otherwise sleep until the time the script named. Redis holds budget ids
 * (hashes), times and lease ids — never an API key.
 */
export class RedisGovernor implements Governor {
  readonly downloads: ConcurrencyLimit;
  readonly #redis: Redis;
  readonly #ownsRedis: boolean;
  readonly #scripts: BudgetScripts;
  readonly #leases: LeaseKeeper;
  readonly #lines = new Map<string, WaitLine>();
  readonly #prefix: string;
  readonly #limits: Readonly<Record<string, readonly RateLimitPolicy[]>>;
  readonly #firstProbeMs: number;
  readonly #maxPauseMs: number;
  readonly #leaseMs: number;
  readonly #outageMs: number;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #logger: Logger | undefined;
  readonly #leasePrefix = `${randomUUID()}:`;
  #nextLease = 0;
  #subscriber: Redis | undefined;
  #closed = false;

  constructor(options: RedisGovernorOptions) {
    this.#ownsRedis = typeof options.redis === 'string';
    this.#redis =
      typeof options.redis === 'string'
        ? // Calls wait (queued) while Redis restarts rather than fail after a few retries.
          new Redis(options.redis, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(50 * times, 1_000) })
        : options.redis;
    this.#prefix = options.prefix ?? 'exportkit:governor:';
    this.#limits = options.limits ?? {};
    this.#firstProbeMs = options.defaultPauseMs ?? FIRST_PROBE_DELAY_MS;
    this.#maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#outageMs = options.outageMs ?? 60_000;
    this.#clock = options.clock ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#logger = options.logger;
    this.downloads = new ConcurrencyLimit(options.downloadConcurrency ?? 4);
    this.#scripts = new BudgetScripts(this.#redis);
    this.#leases = new LeaseKeeper(this.#scripts, this.#leaseMs, this.#onError);
    if (this.#ownsRedis) this.#redis.on('error', this.#onError);
  }

  reserve(key: BudgetKey, signal?: AbortSignal): Promise<Settle> {
    if (this.#closed) return Promise.reject(new Error('this RedisGovernor is closed'));
    return this.#line(key).enqueue(signal);
  }

  observe(key: BudgetKey, headers: Headers): void {
    const info = parseRateLimitHeaders(headers, this.#clock());
    if (!info || this.#closed) return;
    const announced = info.policies ? JSON.stringify(info.policies.map((p) => ({ limit: p.limit, windowMs: p.windowSeconds * 1000 }))) : '';
    const told = info.remaining !== undefined && info.resetMs !== undefined;
    if (announced === '' && !told) return;
    this.#scripts
      .observe(this.#line(key).budget, announced, told ? info.remaining : undefined, told ? nonNegative(info.resetMs) : undefined)
      .catch(this.#onError);
  }

  pause(key: BudgetKey, ms: number | undefined): void {
    if (this.#closed) return;
    const budget = this.#line(key).budget;
    const quotas = quotasFor(key, this.#limits);
    const sent =
      ms === undefined
        ? this.#scripts.probe(budget, this.#firstProbeMs, probeCapMs(quotas), this.#random())
        : this.#scripts.pause(budget, nonNegative(cappedPauseMs(ms, this.#maxPauseMs, quotas)));
    sent.catch(this.#onError);
  }

  /** Fails the requests still waiting, stops renewing leases, and closes the connections this governor opened. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#leases.stop();
    for (const line of this.#lines.values()) line.close(new Error('this RedisGovernor was closed'));
    await this.#subscriber?.quit().catch(() => this.#subscriber?.disconnect());
    if (this.#ownsRedis) await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  #line(key: BudgetKey): WaitLine {
    const names = budgetNames(this.#prefix, key);
    let line = this.#lines.get(names.channel);
    if (!line) {
      const policies = quotasFor(key, this.#limits).map((p) => ({ limit: p.limit, windowMs: p.windowMs }));
      const budget: BudgetContext = { names, policies: JSON.stringify(policies), idleTtlMs: 2 * this.#leaseMs + 60_000 };
      line = new WaitLine(budget, {
        scripts: this.#scripts,
        leases: this.#leases,
        leaseNumbers: (count) => {
          const first = this.#nextLease;
          this.#nextLease += count;
          return first;
        },
        leasePrefix: this.#leasePrefix,
        leaseMs: this.#leaseMs,
        random: this.#random,
        outageMs: this.#outageMs,
        onError: this.#onError,
        subscribed: this.#subscribe(names.channel),
      });
      this.#lines.set(names.channel, line);
    }
    return line;
  }

  /** One subscriber connection for every budget of this governor (a subscribed connection can run nothing else). */
  #subscribe(channel: string): Promise<void> {
    if (!this.#subscriber) {
      const subscriber = this.#redis.duplicate();
      subscriber.on('error', this.#onError);
      subscriber.on('message', (from: string) => this.#lines.get(from)?.wake());
      // Wakes sent while the connection was down are lost: after a reconnect, every line asks again.
      subscriber.on('ready', () => {
        for (const line of this.#lines.values()) line.wake();
      });
      this.#subscriber = subscriber;
    }
    // A failed subscribe only costs wakes (the timers still run): the line goes on either way.
    return this.#subscriber.subscribe(channel).then(() => undefined, this.#onError);
  }

  readonly #onError = (error: unknown): void => {
    this.#logger?.warn?.('the shared rate budget in Redis failed a call', { error: String(error) });
  };
}

function nonNegative(ms: number | undefined): number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : 0;
}
