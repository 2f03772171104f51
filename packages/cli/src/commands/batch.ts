import { setMaxListeners } from 'node:events';
import type { Command } from 'commander';
import { bindBatchJobs } from '../batch/batch-jobs.js';
import { enqueueBatch } from '../batch/enqueue-batch.js';
import { collect, parseCount, parseRateLimits, parseServers } from '../batch/batch-flags.js';
import { createBatchProgress } from '../batch/batch-progress.js';
import { BatchTotals } from '../batch/batch-totals.js';
import { FinishedExports } from '../batch/finished-exports.js';
import { parseManifest } from '../batch/parse-manifest.js';
import { printBatchResult, printEnqueued } from '../batch/print-batch-result.js';
import { runBatch, type BatchLineResult } from '../batch/run-batch.js';
import { EXIT_CODES, type ExitCode } from '../exit/exit-codes.js';
import { RateLimitGovernor } from '../jobs/poller-api.js';
import { loadQueue } from '../jobs/queue-api.js';
import { DEFAULT_OUT_DIR, DEFAULT_TIMEOUT_SECONDS } from '../options/common-options.js';
import { parseTimeoutMs } from '../options/resolve-common-options.js';
import { summaryTable } from '../output/summary-table.js';
import { listenForInterrupt } from '../run/interrupt-signal.js';
import type { CommandContext } from './command-context.js';

interface BatchFlags {
  out: string;
  concurrency: string;
  baseUrl?: string[];
  instance?: string;
  rateLimit?: string[];
  timeout: string;
  json?: boolean;
  quiet?: boolean;
  overwrite?: boolean;
  fresh?: boolean;
  redis?: string;
  queue: string;
}

/** Ctrl-C wins; otherwise the first failed line's code, so a script learns what went wrong. */
function batchExitCode(results: readonly BatchLineResult[], interrupted: boolean): ExitCode {
  if (interrupted) return EXIT_CODES.interrupted;
  for (const result of results) if (result.status === 'failed') return result.exitCode;
  return EXIT_CODES.ok;
}

/** The closing table: one row per line that did not end with its file. */
function failureRows(results: readonly BatchLineResult[]) {
  return results.flatMap((result) =>
    result.status === 'failed' || result.status === 'interrupted'
      ? [{ vendor: result.job.entry.vendor, jobId: result.jobId ?? '-', file: `line ${result.job.entry.line}: ${result.error.message}`, elapsedMs: result.elapsedMs }]
      : [],
  );
}

/** `exportkit batch <manifest>`: every export a manifest lists, a few at a time, under one rate budget per key. */
export function registerBatchCommand(program: Command, context: CommandContext): void {
  program
    .command('batch')
    .description('run every export a manifest lists (JSON Lines or CSV, any vendors), a few at a time, under one rate budget per key')
    .argument('<manifest>', 'a .jsonl or .csv file: one export a line (see the README for its fields)')
    .option('--out <dir>', 'folder to write into (a line\'s "out" is a folder inside it)', DEFAULT_OUT_DIR)
    .option('--concurrency <n>', 'exports running at once', '4')
    .option('--base-url <vendor=url>', "a vendor's API root, e.g. omni=http://127.0.0.1:4010/omni/api (repeatable)", collect)
    .option('--instance <name>', 'your Omni instance: https://<name>.omniapp.co/api')
    .option('--rate-limit <vendor=n/window>', "a key's quota when it is not the documented one, e.g. omni=500/1m (repeatable)", collect)
    .option('--timeout <seconds>', 'one deadline per export', String(DEFAULT_TIMEOUT_SECONDS))
    .option('--json', 'print one JSON object per line of the manifest on stdout, as each ends')
    .option('--quiet', 'print only the results')
    .option('--overwrite', 'replace files of the same name in --out')
    .option('--fresh', 'ignore what earlier runs finished or left under way: start every export anew')
    .option('--redis <url>', "enqueue the manifest into a fleet's queue on this Redis instead of running it (workers: `exportkit worker`)")
    .option('--queue <name>', 'the queue to enqueue into, with --redis', 'exportkit-exports')
    .action(async (manifestPath: string, flags: BatchFlags) => {
      const { output } = context;
      // Everything is checked before the first request: flags, keys, every line.
      const concurrency = parseCount('--concurrency', flags.concurrency);
      const timeoutMs = parseTimeoutMs(flags.timeout);
      const servers = parseServers(flags.baseUrl ?? [], flags.instance);
      const governor = new RateLimitGovernor({ limits: parseRateLimits(flags.rateLimit ?? []), downloadConcurrency: concurrency });
      const queue = flags.redis === undefined ? undefined : await loadQueue();
      const { name, entries } = await parseManifest(manifestPath);
      const binding = { outDir: flags.out, servers, env: context.env, jobOptions: { governor }, checkOnly: queue !== undefined };
      const jobs = bindBatchJobs(name, entries, binding);
      const style = { json: flags.json === true, quiet: flags.quiet === true };
      if (queue && flags.redis !== undefined) {
        const lines = await enqueueBatch(queue, flags.redis, flags.queue, jobs, (line) => printEnqueued(output, line, style));
        const added = lines.filter((line) => line.added).length;
        // The Redis URL is never printed: it may hold a password.
        if (!style.quiet) output.info(`Queued ${added} exports into ${flags.queue} (${lines.length - added} already queued); run \`exportkit worker\` to work them.`);
        context.exit(EXIT_CODES.ok);
        return;
      }

      const totals = new BatchTotals(jobs.length);
      const finished = await FinishedExports.open(flags.out);
      const interrupt = listenForInterrupt();
      // Every running export listens on the one Ctrl-C signal (its deadline scope, its requests): not a leak.
      setMaxListeners(Math.max(10, concurrency * 8), interrupt.signal);
      const progress = createBatchProgress(output, style, totals, jobs);
      // Results wait for the board to finish when stdout is that same terminal.
      const held: BatchLineResult[] = [];
      const holdResults = progress.drawsOnTerminal && process.stdout.isTTY === true;
      try {
        const results = await runBatch(jobs, {
          concurrency,
          timeoutMs,
          overwrite: flags.overwrite === true,
          fresh: flags.fresh === true,
          signal: interrupt.signal,
          governor,
          finished,
          reporter: (job) => progress.reporter(job),
          onResult: (result) => {
            totals.add(result);
            if (holdResults) held.push(result);
            else printBatchResult(output, result, style);
          },
        });
        progress.stop();
        for (const result of held) printBatchResult(output, result, style);
        if (!style.quiet) {
          output.info(totals.line(0));
          const failures = failureRows(results);
          if (failures.length > 0) for (const line of summaryTable(failures)) output.info(line);
          if (interrupt.interrupted) output.info(`Run the same command again to continue: finished files are skipped, jobs under way continue (recorded in ${flags.out}).`);
        }
        context.exit(batchExitCode(results, interrupt.interrupted));
      } finally {
        progress.stop();
        interrupt.dispose();
      }
    });
}
