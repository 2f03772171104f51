import type { ExitCode } from '../exit/exit-codes.js';
import type { TerminalOutput } from '../output/terminal-output.js';

/** What every command needs from the process, passed in so tests and embedders can supply their own. */
export interface CommandContext {
  env: NodeJS.ProcessEnv;
  output: TerminalOutput;
  /** The arguments after `exportkit`, to print the resume command. */
  args: readonly string[];
  /** Where a command leaves its exit code. */
  exit(code: ExitCode): void;
}
