import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimitGovernor } from '@exportkit/poller';
import { type Sandbox, startSandbox } from '@exportkit/sandbox';
import { findRedisServer, type RedisServer, startRedisServer } from '@exportkit/testkit/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpRedis } from '../../redis-governor/test/helpers.js';
import { addExport, type ExportWorkerEvent, openExportQueue, startExportWorker } from '../src/index.js';
import { startCli } from './support/cli-process.js';
import { closientExport, sandboxOpener, waitFor } from './support/sandbox-worker.js';

// A real redis-server (installed when missing) and the sandbox, both on 127.0.0.1.
let redis: RedisServer;
let sandbox: Sandbox;
let dir: string;
const ORG = 'QrgQueueTestxxxxxxxxxx';

beforeAll(async () => {
  findRedisServer();
  redis = await startRedisServer();
  sandbox = await startSandbox({ jobDurationMs: 300, fileSizes: { closient: 4096, videodb: 1 << 20 } });
  dir = await mkdtemp(join(tmpdir(), 'exportkit-queue-'));
}, 600_000);
afterAll(async () => {
  await sandbox?.close();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('addExport', () => {
  it('queues an export once: the same export again finds its job; another destination is another job; nothing reaches a vendor', async () => {
    const opened = openExportQueue(redis.url, 'idempotency');
    try {
      const before = sandbox.requests.length;
      const first = await addExport(opened.queue, closientExport(ORG, join(dir, 'a')));
      const again = await addExport(opened.queue, closientExport(ORG, join(dir, 'a')));
      const elsewhere = await addExport(opened.queue, closientExport(ORG, join(dir, 'b')));
      expect(first.added).toBe(true);
      expect(again).toMatchObject({ added: false });
      expect(again.job.id).toBe(first.job.id);
      expect(elsewhere.added).toBe(true);
      expect(elsewhere.job.id).not.toBe(first.job.id);
      expect(await opened.queue.getJobCounts('wait')).toEqual({ wait: 2 });
      expect(sandbox.requests.length).toBe(before);
    } finally {
      await opened.close();
    }
  });

  it('refuses an input named like a credential before it reaches Redis', async () => {
    const opened = openExportQueue(redis.url, 'refusals');
    try {
      const request = { ...closientExport(ORG, dir), inputs: { organizationId: ORG, apiKey: 'x' } };
      await expect(addExport(opened.queue, request)).rejects.toThrow(/export\.inputs\.apiKey: .*credential/);
      expect(await opened.queue.count()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

describe('exportkit batch --redis', () => {
  it('enqueues every line once (a re-run adds nothing), sends nothing to a vendor and puts no key in Redis', async () => {
    const manifest = join(dir, 'enqueue.jsonl');
    const lines = [
      { vendor: 'closient', organizationId: ORG },
      { vendor: 'videodb', streamLink: sandbox.fixtures.videodbStreamLink, name: 'queued.wav' },
      { vendor: 'omni', dashboardId: 'queued-dashboard', format: 'csv' },
    ];
    await writeFile(manifest, lines.map((line) => JSON.stringify(line)).join('\n'));
    const before = sandbox.requests.length;
    // The keys are set, as on a machine that also runs workers: still none may reach Redis.
    const env = { OMNI_API_KEY: sandbox.apiKeys.omni, VIDEODB_API_KEY: sandbox.apiKeys.videodb, CLOSIENT_API_KEY: sandbox.apiKeys.closient };
    const command = ['batch', manifest, '--out', join(dir, 'enqueued'), '--redis', redis.url, '--queue', 'cli-enqueue', '--json'];
    const statuses = async () => {
      const run = startCli(command, env);
      expect(await run.exited(), run.stderr).toEqual({ code: 0, signal: null });
      return run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { status: string }).status);
    };
    expect(await statuses()).toEqual(['queued', 'queued', 'queued']);
    expect(await statuses()).toEqual(['already_queued', 'already_queued', 'already_queued']);
    const opened = openExportQueue(redis.url, 'cli-enqueue');
    try {
      expect(await opened.queue.getJobCounts('wait')).toEqual({ wait: 3 });
    } finally {
      await opened.close();
    }
    expect(sandbox.requests.length).toBe(before);
    const { text } = await dumpRedis(redis.url);
    expect(text).toContain('queued-dashboard');
    for (const key of Object.values(sandbox.apiKeys)) expect(text).not.toContain(key);
  }, 30_000);
});

describe('the export worker', () => {
  it('stores the resume token (never the key) in the job as soon as the vendor job exists, and saves the right file', async () => {
    const queueName = 'token-not-key';
    const opened = openExportQueue(redis.url, queueName);
    const events: ExportWorkerEvent[] = [];
    let dataAtJob: unknown;
    const worker = startExportWorker({
      redis: redis.url,
      queueName,
      governor: new RateLimitGovernor(),
      openExport: sandboxOpener(sandbox),
      onEvent: (event) => {
        events.push(event);
        // Read back from Redis itself, while the export is still under way.
        if (event.type === 'job') void opened.queue.getJob(event.queueJobId).then((job) => (dataAtJob = job?.data));
      },
    });
    try {
      const to = join(dir, 'token');
      const { job } = await addExport(opened.queue, closientExport(ORG, to));
      await waitFor('the export to be saved', () => events.some((event) => event.type === 'saved' || event.type === 'failed'));
      const saved = events.find((event) => event.type === 'saved');
      expect(saved, JSON.stringify(events.filter((e) => e.type === 'failed'))).toBeDefined();
      if (saved?.type !== 'saved') return;
      const started = events.find((event) => event.type === 'job');
      expect(dataAtJob).toEqual({ export: closientExport(ORG, to), token: started?.type === 'job' ? started.job.toJSON() : 'missing' });
      const artifact = await sandbox.artifact('closient', saved.result.jobId);
      expect(saved.result.sha256).toBe(artifact.sha256);
      const finished = await opened.queue.getJob(job.id as string);
      await waitFor('the job to complete', async () => (await finished?.getState()) === 'completed');
      // Every key and value in Redis (queue, events, the budget): no API key anywhere.
      const { keys, text } = await dumpRedis(redis.url);
      expect(keys.length).toBeGreaterThan(3);
      for (const key of Object.values(sandbox.apiKeys)) expect(text).not.toContain(key);
    } finally {
      await worker.close();
      await opened.close();
    }
  });

  it('stops writing the moment it loses its lock, leaving the partial file to the next owner, who finishes it', async () => {
    const queueName = 'lock-loss';
    const opened = openExportQueue(redis.url, queueName);
    const to = join(dir, 'lock');
    // The file's first 64 KiB arrive, then the body stalls: the worker is mid-download, its bytes not yet flushed.
    sandbox.addFault({ fault: 'stalled-body', vendor: 'videodb', stage: 'download', times: 1 });
    const events: ExportWorkerEvent[] = [];
    const options = { redis: redis.url, queueName, lockDurationMs: 1_000, governor: new RateLimitGovernor(), openExport: sandboxOpener(sandbox) };
    const first = startExportWorker({ ...options, onEvent: (event) => events.push(event) });
    let second: ReturnType<typeof startExportWorker> | undefined;
    try {
      const request = { vendor: 'videodb', inputs: { streamLink: sandbox.fixtures.videodbStreamLink, name: 'lock.wav' }, to, key: 'lock-loss' };
      const { job } = await addExport(opened.queue, request);
      await waitFor('the download to begin', () => events.some((event) => event.type === 'progress' && event.event.type === 'bytes'));
      // What a takeover does to the old owner: its lock in Redis is gone.
      const direct = new Redis(redis.url);
      await direct.del(`bull:${queueName}:${job.id}:lock`);
      direct.disconnect();
      await waitFor('the worker to let the job go', () => events.some((event) => event.type === 'released'), 5_000);
      expect(events.find((event) => event.type === 'released')).toMatchObject({ reason: 'lock lost' });
      // Nothing of the 64 KiB it held was written, and nothing recorded: the file is as the new owner will find it.
      const partial = (await readdir(to)).find((name) => name.endsWith('.exportkit-partial')) as string;
      expect((await stat(join(to, partial))).size).toBe(0);
      expect(JSON.parse(await readFile(join(to, `${partial}.json`), 'utf8'))).toMatchObject({ durableBytes: 0 });
      expect(events.some((event) => event.type === 'failed' || event.type === 'saved')).toBe(false);
      const sizeAfterRelease = (await stat(join(to, partial))).size;
      await first.close();
      expect((await stat(join(to, partial)).catch(() => ({ size: -1 }))).size).toBe(sizeAfterRelease);

      // The job was left active with no lock: it stalls, and another worker continues the same vendor job.
      const again: ExportWorkerEvent[] = [];
      second = startExportWorker({ ...options, onEvent: (event) => again.push(event) });
      await waitFor('the next worker to save the file', () => again.some((event) => event.type === 'saved'), 15_000);
      const started = events.find((event) => event.type === 'job');
      const resumed = again.find((event) => event.type === 'job');
      expect(resumed).toMatchObject({ resumed: true });
      expect(resumed?.type === 'job' && started?.type === 'job' && resumed.job.id === started.job.id).toBe(true);
      const saved = again.find((event) => event.type === 'saved');
      if (saved?.type !== 'saved') throw new Error('not saved');
      expect(saved.result.sha256).toBe((await sandbox.artifact('videodb', saved.result.jobId)).sha256);
    } finally {
      await first.close();
      await second?.close();
      await opened.close();
    }
  }, 40_000);
});
