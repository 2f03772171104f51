import { once } from 'node:events';
import type { Command } from 'commander';
import { collect, parseCount, parseRateLimits, parseServers } from '../batch/batch-flags.js';
import { EXIT_CODES } from '../exit/exit-codes.js';
import { errorSummary } from '../exit/exit-code-for.js';
import { loadQueue } from '../jobs/queue-api.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../options/common-options.js';
import { parseTimeoutMs } from '../options/resolve-common-options.js';
import { formatBytes } from '../output/format-units.js';
import { listenForInterrupt } from '../run/interrupt-signal.js';
import { workerTaskOpener } from '../worker/worker-tasks.js';
import type { CommandContext } from './command-context.js';

interface WorkerFlags {
  redis: string;
  queue: string;
  concurrency: string;
  baseUrl?: string[];
  instance?: string;
  rateLimit?: string[];
  timeout: string;
  lockDuration: string;
  json?: boolean;
}

/**
 * `exportkit worker --redis <url>`: takes exports from the fleet's queue and
 * runs them, under the fleet's one budget per key (in Redis), until Ctrl-C.
 */
export function registerWorkerCommand(program: Command, context: CommandContext): void {
  program
    .command('worker')
    .description("run exports from a fleet's queue (filled by `exportkit batch --redis`) until stopped, sharing one rate budget per key in Redis")
    .requiredOption('--redis <url>', 'the Redis of the queue and the shared budget, e.g. redis://127.0.0.1:6379')
    .option('--queue <name>', 'the queue to take exports from', 'exportkit-exports')
    .option('--concurrency <n>', 'exports this worker runs at once', '4')
    .option('--base-url <vendor=url>', "a vendor's API root, e.g. omni=http://127.0.0.1:4010/omni/api (repeatable)", collect)
    .option('--instance <name>', 'your Omni instance: https://<name>.omniapp.co/api')
    .option('--rate-limit <vendor=n/window>', "a key's quota when it is not the documented one, e.g. omni=500/1m (repeatable; give every worker the same)", collect)
    .option('--timeout <seconds>', 'one deadline per export', String(DEFAULT_TIMEOUT_SECONDS))
    .option('--lock-duration <seconds>', "how long a job's lock lasts unrenewed: a killed worker's job moves on after about this long", '30')
    .option('--json', 'print one JSON object per finished export on stdout')
    .action(async (flags: WorkerFlags) => {
      const { output } = context;
      const concurrency = parseCount('--concurrency', flags.concurrency);
      const timeoutMs = parseTimeoutMs(flags.timeout);
      const lockDurationMs = parseTimeoutMs(flags.lockDuration);
      const servers = parseServers(flags.baseUrl ?? [], flags.instance);
      const limits = parseRateLimits(flags.rateLimit ?? []);
      const queue = await loadQueue();
      const governor = new queue.RedisGovernor({ redis: flags.redis, limits, downloadConcurrency: concurrency });
      const openTask = workerTaskOpener(servers, context.env, governor);
      const interrupt = listenForInterrupt();
      const worker = queue.startExportWorker({
        redis: flags.redis,
        queueName: flags.queue,
        concurrency,
        lockDurationMs,
        governor,
        timeoutMs,
        openExport: (request) => openTask(request),
        onEvent: (event) => {
          const { vendor } = event.request;
          if (event.type === 'job') output.info(`${vendor}: ${event.resumed ? 'resumed' : 'started'} job ${event.job.id} (queue job ${event.queueJobId})`);
          else if (event.type === 'saved') {
            const { file, bytes, sha256, jobId } = event.result;
            if (flags.json) output.result(JSON.stringify({ queueJobId: event.queueJobId, vendor, jobId, status: 'succeeded', file, bytes, sha256 }));
            output.info(`${vendor}: saved ${file} (${formatBytes(bytes)})`);
          } else if (event.type === 'failed') {
            const error = errorSummary(event.error);
            if (flags.json) output.result(JSON.stringify({ queueJobId: event.queueJobId, vendor, status: 'failed', error }));
            output.info(`${vendor}: queue job ${event.queueJobId} failed: ${error.message}`);
          } else if (event.type === 'released') output.info(`${vendor}: queue job ${event.queueJobId} left to the next worker (${event.reason})`);
          else if (event.type === 'progress' && event.event.type === 'bytes' && event.event.received > 0) reportDownloadOnce(event.queueJobId, vendor);
        },
      });
      const downloading = new Set<string>();
      // One line when a download begins, so a log shows which worker holds the bytes.
      function reportDownloadOnce(queueJobId: string, vendor: string) {
        if (downloading.has(queueJobId)) return;
        downloading.add(queueJobId);
        output.info(`${vendor}: downloading (queue job ${queueJobId})`);
      }
      // The Redis URL is never printed: it may hold a password.
      output.info(`Worker on queue ${flags.queue}: ${concurrency} at once; Ctrl-C stops (running exports go back to the queue).`);
      await once(interrupt.signal, 'abort');
      output.info('Stopping the worker…');
      await worker.close();
      await governor.close();
      interrupt.dispose();
      context.exit(EXIT_CODES.ok);
    });
}
