/** Flags whose value must never be echoed back: the key. */
const SECRET_FLAGS = new Set(['--api-key']);

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that continues an interrupted run: the same arguments with
 * `--resume <token>` in place of any earlier one, and without `--api-key`
 * (it is never printed; the user passes it again or uses the environment).
 */
export function resumeCommandLine(args: readonly string[], token: string): string {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg.split('=')[0] ?? arg;
    if (SECRET_FLAGS.has(name) || name === '--resume') {
      if (!arg.includes('=')) i++; // skip the value that follows
      continue;
    }
    kept.push(shellQuote(arg));
  }
  return ['exportkit', ...kept, '--resume', token].join(' ');
}
