// The built `exportkit` binary as users run it, in a child process: its
// output is collected line by line (for the credential check), a watcher can
// act while it runs (SIGINT, SIGKILL), and a hang is killed, never waited on.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliWatch {
  /** Called every `everyMs` while the process runs; it may kill it (`kill('SIGINT')`, `kill('SIGKILL')`). */
  tick?: (kill: (signal: NodeJS.Signals) => void, output: { stdout: string; stderr: string }) => void | Promise<void>;
  everyMs?: number;
  /** A hang fails the scenario rather than the suite. Default 60 s. */
  killAfterMs?: number;
}

/** Runs `node packages/cli/dist/bin.js <args>` with no vendor keys from the host environment. */
export function runCli(args: readonly string[], watch: CliWatch = {}): Promise<CliRun> {
  const env = { ...process.env, OMNI_API_KEY: '', VIDEODB_API_KEY: '', CLOSIENT_API_KEY: '', NO_COLOR: '1' };
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const kill = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  let ticking = false;
  const watcher = setInterval(async () => {
    if (ticking || !watch.tick) return;
    ticking = true;
    try {
      await watch.tick(kill, { stdout, stderr });
    } finally {
      ticking = false;
    }
  }, watch.everyMs ?? 20);
  const killer = setTimeout(() => kill('SIGKILL'), watch.killAfterMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      clearInterval(watcher);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Every line a run printed, on either stream. */
export const printedLines = (run: CliRun): string[] => `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line !== '');
