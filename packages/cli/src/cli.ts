import { CommanderError } from 'commander';
import type { CommandContext } from './commands/command-context.js';
import { EXIT_CODES, type ExitCode } from './exit/exit-codes.js';
import { errorSummary, exitCodeFor } from './exit/exit-code-for.js';
import { API_KEY_ENV } from './options/vendor-name.js';
import { printFailure } from './output/print-outcome.js';
import { createTerminalOutput } from './output/terminal-output.js';
import { buildProgram } from './program.js';

/** Every key this run could know: the flag's value and the three environment variables. */
function knownSecrets(args: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets = Object.values(API_KEY_ENV).map((name) => env[name] ?? '');
  args.forEach((arg, i) => {
    if (arg === '--api-key') secrets.push(args[i + 1] ?? '');
    else if (arg.startsWith('--api-key=')) secrets.push(arg.slice('--api-key='.length));
  });
  return secrets.map((secret) => secret.trim()).filter((secret) => secret !== '');
}

/**
 * Commander's own endings: asked-for help and the version are successes
 * (exit 0); help shown because no command was given, or any parse error, is
 * a usage error.
 */
function commanderExitCode(error: CommanderError): ExitCode {
  return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
}

/**
 * Runs `exportkit <args>` and resolves to the exit code. Refusals (bad flags,
 * a missing key, a malformed id) are reported here, before anything is sent.
 */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const output = createTerminalOutput(knownSecrets(args, env));
  let exitCode: ExitCode = EXIT_CODES.ok;
  const context: CommandContext = { env, output, args, exit: (code) => (exitCode = code) };
  const program = buildProgram(context);
  const json = args.includes('--json');
  const vendor = args.find((arg) => !arg.startsWith('-')) ?? 'exportkit';
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = commanderExitCode(error);
      // Commander already printed its message; --json still gets its one object.
      if (code !== EXIT_CODES.ok && json) {
        output.result(JSON.stringify({ vendor, jobId: null, status: 'not_started', error: { code: 'validation_error', message: error.message } }));
      }
      return code;
    }
    const failure = { vendor, jobId: null, status: 'not_started', error: errorSummary(error) };
    printFailure(output, failure, { json, quiet: false });
    return exitCodeFor(error);
  }
}
