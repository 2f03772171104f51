import { ApiError, PermissionDeniedError, ServerError } from '@exportkit/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, JobFailedError, pollUntil, PollTimeoutError, type JobStatus } from '../src/index.js';
import { backoffDelay } from '../src/internal/backoff.js';
import { MAX_TIMER_MS, type Sleep } from '../src/internal/time.js';
import { createVirtualTime } from '@exportkit/testkit/virtual-time';

/** Virtual time: sleeps jump the clock; `sleeps` lists the waits that ran to their end. */
function instantTime() {
  const time = createVirtualTime(0);
  afterEach(() => time.stop());
  return { clock: time.clock, sleep: time.sleep, sleeps: time.completed, random: () => 0.5 };
}

const details = (status: number, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) => ({ status, retryable: status >= 500 || status === 429, ...extra });

describe('backoffDelay', () => {
  it('stays within [min, max], never negative, and raises the floor to a hint clamped to max', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.double({ min: -1e20, max: 1e20, noNaN: true })),
        (attempt, min, extra, r, hint) => {
          const max = min + extra;
          const delay = backoffDelay({ attempt, minDelayMs: min, maxDelayMs: max, random: () => r, hintMs: hint ?? undefined });
          expect(delay).toBeGreaterThanOrEqual(min);
          expect(delay).toBeLessThanOrEqual(max);
          if (hint != null && hint > 0) expect(delay).toBeGreaterThanOrEqual(Math.min(hint, max));
        },
      ),
    );
  });

  it('clamps a Retry-After of years to what a timer can hold', () => {
    const delay = backoffDelay({ attempt: 0, minDelayMs: 1, maxDelayMs: Number.MAX_SAFE_INTEGER, hintMs: 1e15 });
    expect(delay).toBe(MAX_TIMER_MS);
  });

  it('grows exponentially up to the maximum', () => {
    const top = (attempt: number) => backoffDelay({ attempt, minDelayMs: 1000, maxDelayMs: 30_000, random: () => 0.999999 });
    expect(Math.round(top(0))).toBe(1000);
    expect(Math.round(top(1))).toBe(2000);
    expect(Math.round(top(3))).toBe(8000);
    expect(Math.round(top(10))).toBe(30_000);
  });
});

describe('pollUntil', () => {
  const statuses = (...list: JobStatus[]) => {
    let i = 0;
    return async () => list[Math.min(i++, list.length - 1)] as JobStatus;
  };

  it('polls at once, backs off between polls, and reports only changes', async () => {
    const time = instantTime();
    const changes: JobStatus[] = [];
    let polls = 0;
    const next = statuses('pending', 'running', 'running', 'running', 'succeeded');
    const result = await pollUntil({ ...time, timeoutMs: 3_600_000, poll: () => (polls++, next()), statusOf: (s) => s, onChange: (s) => changes.push(s) });
    expect(result).toBe('succeeded');
    expect(polls).toBe(5);
    expect(time.sleeps.length).toBe(4); // none before the first poll
    expect(time.sleeps.every((ms) => ms >= 2000)).toBe(true);
    expect(changes).toEqual(['pending', 'running', 'succeeded']);
  });

  it('announces each wait before it sleeps (onWait), with the delay it will sleep', async () => {
    const time = instantTime();
    const waits: number[] = [];
    const next = statuses('running', 'running', 'succeeded');
    await pollUntil({ ...time, timeoutMs: 3_600_000, poll: next, statusOf: (s) => s, onWait: ({ delayMs }) => waits.push(delayMs) });
    expect(waits).toEqual(time.sleeps);
    expect(waits.length).toBe(2);
  });

  it('throws JobFailedError carrying the last state', async () => {
    const time = instantTime();
    const error = await pollUntil({ ...time, timeoutMs: 3_600_000, poll: statuses('running', 'failed'), statusOf: (s) => s }).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.job).toBe('failed');
    expect(error.code).toBe('job_failed');
  });

  it('fails at once on a 403, without retrying', async () => {
    const time = instantTime();
    let polls = 0;
    const error = await pollUntil({
      ...time,
      timeoutMs: 3_600_000,
      poll: async () => {
        polls++;
        throw new PermissionDeniedError(details(403));
      },
      statusOf: (s: JobStatus) => s,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(polls).toBe(1);
  });

  it('retries 5xx a bounded number of times, honouring (clamped) hints', async () => {
    const time = instantTime();
    let polls = 0;
    const error = await pollUntil({
      ...time,
      timeoutMs: 3_500_000,
      maxRetries: 3,
      maxDelayMs: 10_000,
      poll: async () => {
        polls++;
        throw new ServerError(details(503, { retryAfterMs: 1e12 }));
      },
      statusOf: (s: JobStatus) => s,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(polls).toBe(4);
    expect(time.sleeps).toEqual([10_000, 10_000, 10_000]);
  });

  it('times out with PollTimeoutError carrying the last state', async () => {
    const time = instantTime();
    const error = await pollUntil({ ...time, timeoutMs: 60_000, poll: async () => 'running' as JobStatus, statusOf: (s) => s }).catch((e) => e);
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error.job).toBe('running');
    expect(time.clock()).toBeLessThanOrEqual(60_000);
  });

  it('an abort during the sleep sends no further request and reaches the request signal', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    let polls = 0;
    // Every timer waits forever; the backoff sleep (the only one of 2-30 s) triggers the user's abort.
    const sleep: Sleep = (ms, signal) =>
      new Promise((_, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason));
        if (ms >= 2000 && ms <= 30_000) queueMicrotask(() => controller.abort(new Error('user pressed Ctrl-C')));
      });
    const error = await pollUntil({
      sleep,
      clock: () => 0,
      timeoutMs: 3_600_000,
      signal: controller.signal,
      poll: async ({ signal }) => {
        polls++;
        signals.push(signal);
        return 'running' as JobStatus;
      },
      statusOf: (s) => s,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.job).toBe('running');
    expect(polls).toBe(1);
    expect(signals).toHaveLength(1);
  });

  it('an abort while a request is in flight aborts that request', async () => {
    const time = instantTime();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const error = await pollUntil({
      ...time,
      timeoutMs: 3_600_000,
      signal: controller.signal,
      poll: ({ signal }) =>
        new Promise<JobStatus>((_, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(signal.reason));
          queueMicrotask(() => controller.abort());
        }),
      statusOf: (s) => s,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(seen?.aborted).toBe(true);
  });
});
