import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerBatchCommand } from './commands/batch.js';
import { registerClosientCommand } from './commands/closient.js';
import type { CommandContext } from './commands/command-context.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerOmniCommand } from './commands/omni.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerVideoDBCommand } from './commands/videodb.js';
import { registerWorkerCommand } from './commands/worker.js';
import { EXIT_CODES } from './exit/exit-codes.js';
import { API_KEY_ENV } from './options/vendor-name.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const EPILOGUE = `
API keys: --api-key, or ${Object.values(API_KEY_ENV).join(' / ')}. A key is never printed.

Exit codes:
  ${EXIT_CODES.ok}    the file is written
  ${EXIT_CODES.jobFailed}    the vendor reported the job failed
  ${EXIT_CODES.usage}    usage or invalid input (nothing was sent)
  ${EXIT_CODES.timeout}    timed out (--timeout)
  ${EXIT_CODES.authRefused}    authentication or permission refused
  ${EXIT_CODES.unavailable}    network or server errors outlasted the retries
  ${EXIT_CODES.interrupted}  interrupted (Ctrl-C); the command to resume is printed`;

/** The `exportkit` command tree. Help and version go to stdout; everything else human to stderr. */
export function buildProgram(context: CommandContext): Command {
  const program = new Command('exportkit')
    .description('Export files from Omni, VideoDB and Closient: start the job, wait politely, save the file safely.')
    .version(version, '--version', 'print the version')
    .helpOption('--help', 'show help')
    .addHelpText('after', EPILOGUE)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void process.stdout.write(text),
      writeErr: (text) => void process.stderr.write(text),
    });
  registerOmniCommand(program, context);
  registerVideoDBCommand(program, context);
  registerClosientCommand(program, context);
  registerSandboxCommand(program, context);
  registerDemoCommand(program, context);
  registerBatchCommand(program, context);
  registerWorkerCommand(program, context);
  // Subcommands inherit the parent's error handling (exitOverride, output) only when told to.
  for (const command of program.commands) command.copyInheritedSettings(program);
  return program;
}
