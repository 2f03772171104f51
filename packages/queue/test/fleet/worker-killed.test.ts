// A fleet worker killed with kill -9 mid-download: another worker process
// takes the stalled job over, continues the SAME vendor job (its resume token
// is in the queue job) and the SAME bytes (the partial file is on storage both
// see, continued with a Range request past byte 0). Exactly one vendor job is
// created and the file is byte-identical to the sandbox's.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@exportkit/sandbox';
import { findRedisServer, type RedisServer, startRedisServer } from '@exportkit/testkit/redis-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dumpRedis } from '../../../redis-governor/test/helpers.js';
import { type CliProcess, startCli } from '../support/cli-process.js';

const SIZE = 256 * 1024 * 1024;
const KILL_AT = 32 * 1024 * 1024;
let redis: RedisServer;
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  findRedisServer();
  redis = await startRedisServer();
  sandbox = await startSandbox({ jobDurationMs: 100, fileSizes: { videodb: SIZE } });
  dir = await mkdtemp(join(tmpdir(), 'exportkit-fleet-kill-'));
}, 600_000);
afterAll(async () => {
  await sandbox?.close();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The hidden partial file's size in `folder` (0 while there is none). */
async function partialBytes(folder: string): Promise<number> {
  const name = (await readdir(folder).catch(() => [])).find((n) => n.endsWith('.exportkit-partial'));
  return name === undefined ? 0 : stat(join(folder, name)).then((s) => s.size, () => 0);
}

test('kill -9 a worker mid-download: another worker finishes the same vendor job from the same bytes', async () => {
  const out = join(dir, 'shared-storage');
  const manifest = join(dir, 'one.jsonl');
  await writeFile(manifest, `${JSON.stringify({ vendor: 'videodb', streamLink: sandbox.fixtures.videodbStreamLink, name: 'fleet.wav' })}\n`);
  const env = { VIDEODB_API_KEY: sandbox.apiKeys.videodb };
  const worker = ['worker', '--redis', redis.url, '--base-url', `videodb=${sandbox.baseUrls.videodb}`, '--lock-duration', '2', '--json'];

  // Enqueued by the CLI, which needs no vendor key for that.
  const enqueue = startCli(['batch', manifest, '--out', out, '--redis', redis.url, '--json'], {});
  expect(await enqueue.exited()).toEqual({ code: 0, signal: null });
  expect(JSON.parse(enqueue.stdout)).toMatchObject({ line: 1, status: 'queued' });

  let first: CliProcess | undefined;
  let second: CliProcess | undefined;
  try {
    first = startCli(worker, env);
    await first.waitFor(/videodb: started job (\S+)/, 30_000);
    const jobId = /videodb: started job (\S+)/.exec(first.stderr)?.[1] as string;
    // Sample the partial file every 5 ms; kill -9 once it holds 32 MiB (the poller syncs every 16 MiB).
    let killedAt = 0;
    for (let i = 0; i < 12_000 && killedAt === 0; i++) {
      const bytes = await partialBytes(out);
      if (bytes >= KILL_AT) {
        first.child.kill('SIGKILL');
        killedAt = bytes;
      } else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await first.exited()).signal).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(KILL_AT);
    expect(killedAt).toBeLessThan(SIZE);
    const storageBefore = sandbox.storageRequests.length;

    // The second worker finds the job stalled (its lock expired), and continues it.
    second = startCli(worker, env);
    await second.waitFor(/"status":"succeeded"/, 60_000);
    expect(second.stderr).toContain(`videodb: resumed job ${jobId}`);
    const result = JSON.parse(second.stdout.trim().split('\n')[0] as string) as { jobId: string; file: string; bytes: number; sha256: string };
    const artifact = await sandbox.artifact('videodb', jobId);
    expect(result).toMatchObject({ jobId, bytes: SIZE, sha256: artifact.sha256 });
    expect(await sha256Of(result.file)).toBe(artifact.sha256);

    // One vendor job, and the bytes continued: a Range request past byte 0, answered 206.
    const creates = sandbox.requests.filter((r) => r.vendor === 'videodb' && r.stage === 'start');
    expect(creates).toHaveLength(1);
    const continued = sandbox.storageRequests.slice(storageBefore).filter((r) => typeof r.headers.range === 'string');
    const from = continued.map((r) => Number(/bytes=(\d+)-/.exec(String(r.headers.range))?.[1] ?? '0'));
    expect(from.length).toBeGreaterThan(0);
    expect(from[0]).toBeGreaterThan(0);
    expect(continued[0]?.status).toBe(206);
    expect((await readdir(out)).filter((name) => name.includes('exportkit-partial'))).toEqual([]);
    // Nothing in Redis holds the key.
    expect((await dumpRedis(redis.url)).text).not.toContain(sandbox.apiKeys.videodb);
    console.log(
      `fleet/worker-kill-9: killed at ${(killedAt / 2 ** 20).toFixed(0)} MiB of ${SIZE / 2 ** 20} MiB; the next worker resumed job ${jobId} ` +
        `from byte ${from[0]} (206); vendor jobs created: ${creates.length}; sha256 matches`,
    );
  } finally {
    await first?.stop();
    await second?.stop();
  }
}, 180_000);
