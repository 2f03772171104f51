import { redactSecret } from '@exportkit/core';

/**
 * Where every line the CLI prints goes: results on stdout, everything human
 * on stderr. Every line passes through the key redaction, so not even a
 * vendor that echoes the key back can make us print it.
 */
export interface TerminalOutput {
  /** The result: a file path, or the one `--json` object. */
  result(line: string): void;
  /** Human messages: progress, hints, errors. */
  info(line: string): void;
  /** The stream live progress is drawn on, and whether it is a terminal. */
  readonly humanStream: NodeJS.WriteStream;
  readonly isTTY: boolean;
}

export function createTerminalOutput(secrets: readonly string[] = []): TerminalOutput {
  const redact = (text: string) => secrets.reduce((out, secret) => redactSecret(out, secret), text);
  return {
    result: (line) => void process.stdout.write(`${redact(line)}\n`),
    info: (line) => void process.stderr.write(`${redact(line)}\n`),
    humanStream: process.stderr,
    isTTY: process.stderr.isTTY === true,
  };
}
