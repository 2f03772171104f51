import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary: the tests run what users run. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Extra environment; the vendor key variables are cleared first so the host's never leak in. */
  env?: Record<string, string>;
  cwd?: string;
  /** Asked every 50 ms with the output so far; return true to send SIGINT (once), as Ctrl-C does. */
  interruptWhen?: (output: { stdout: string; stderr: string }) => boolean | Promise<boolean>;
  /** Kill the process after this long (a hang must fail the test, not the suite). */
  killAfterMs?: number;
}

/** Runs `node dist/bin.js <args>` and collects its exit code and output. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const env = { ...process.env, OMNI_API_KEY: '', VIDEODB_API_KEY: '', CLOSIENT_API_KEY: '', ...options.env };
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const watcher = setInterval(async () => {
    if (interrupted || !options.interruptWhen) return;
    if (await options.interruptWhen({ stdout, stderr })) {
      interrupted = true;
      child.kill('SIGINT');
    }
  }, 50);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      clearInterval(watcher);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The one JSON object `--json` must print, parsed (fails if stdout holds anything else). */
export function jsonResult(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got:\n${run.stdout}`);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}
