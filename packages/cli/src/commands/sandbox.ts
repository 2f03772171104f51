import { once } from 'node:events';
import type { Command } from 'commander';
import { EXIT_CODES } from '../exit/exit-codes.js';
import { UsageError } from '../exit/usage-error.js';
import { startSandbox } from '../jobs/sandbox-api.js';
import { sandboxBanner } from '../output/sandbox-banner.js';
import { listenForInterrupt } from '../run/interrupt-signal.js';
import type { CommandContext } from './command-context.js';

interface SandboxFlags {
  host: string;
  port: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError('--port', `must be a port number from 0 to 65535 (0 picks a free one), got "${text}"`);
  }
  return port;
}

/** `exportkit sandbox`: the vendor emulator in the foreground, until stopped. */
export function registerSandboxCommand(program: Command, context: CommandContext): void {
  program
    .command('sandbox')
    .description('run the offline emulator of Omni, VideoDB and Closient until stopped (Ctrl-C)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '4010')
    .action(async (flags: SandboxFlags) => {
      const port = parsePort(flags.port);
      const { sandbox, description } = await startSandbox({ host: flags.host, port }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
        throw new UsageError('--port', `${port} is already in use on ${flags.host}: pass another --port, or 0 for a free one`);
      });
      const interrupt = listenForInterrupt();
      // The banner is this command's result, so it goes to stdout, where it can be captured.
      for (const line of sandboxBanner(sandbox, description)) context.output.result(line);
      // Ctrl-C is this command's normal end, so it exits 0 rather than 130.
      await once(interrupt.signal, 'abort');
      context.output.info('Stopping the sandbox…');
      await sandbox.close();
      interrupt.dispose();
      context.exit(EXIT_CODES.ok);
    });
}
