/**
 * The exportkit CLI as a library: run it in-process and read its exit codes.
 *
 * @module @exportkit/cli
 */
// The CLI as a library: run it in-process (tests, wrappers) and read its exit codes.
export { runCli } from './cli.js';
export { EXIT_CODES, type ExitCode } from './exit/exit-codes.js';
export { exitCodeFor } from './exit/exit-code-for.js';
