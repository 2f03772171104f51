import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The built `exportkit` binary: the fleet scenarios run what users run. */
const BIN = fileURLToPath(new URL('../../../cli/dist/bin.js', import.meta.url));

/** An `exportkit` process a scenario started, with what it printed so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the output matches (checked every 20 ms); fails after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<void>;
  /** Resolves with the exit code and signal. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ctrl-C, then SIGKILL if it has not ended after `ms`. */
  stop(ms?: number): Promise<void>;
}

/** Starts `node dist/bin.js <args>`; the host's vendor keys are cleared, `env` adds the scenario's. */
export function startCli(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, OMNI_API_KEY: '', VIDEODB_API_KEY: '', CLOSIENT_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    async waitFor(pattern, ms) {
      const until = Date.now() + ms;
      while (!pattern.test(stdout + stderr)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exportkit ended before printing ${pattern}:\n${stderr}`);
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    exited: () => exit,
    async stop(ms = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exit;
      clearTimeout(timer);
    },
  };
}
