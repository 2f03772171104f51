import { type Command, Option } from 'commander';

/** Defaults shared by the export commands and the demo. */
export const DEFAULT_OUT_DIR = './exports';
export const DEFAULT_TIMEOUT_SECONDS = 900;

/** The flags every export command takes, as commander hands them over. */
export interface CommonFlags {
  out: string;
  baseUrl?: string;
  apiKey?: string;
  timeout: string;
  json?: boolean;
  quiet?: boolean;
  overwrite?: boolean;
  resume?: string;
  fresh?: boolean;
}

/** Declares the common flags on an export command, so all three read alike. */
export function addCommonOptions(command: Command): Command {
  return command
    .option('--out <dir>', 'folder to write the file into', DEFAULT_OUT_DIR)
    .option('--base-url <url>', "the vendor's API root, as in its spec's servers (e.g. the sandbox's)")
    .addOption(new Option('--api-key <key>', 'the vendor API key (default: from the environment, see below)'))
    .option('--timeout <seconds>', 'give up waiting for the job after this long', String(DEFAULT_TIMEOUT_SECONDS))
    .option('--json', 'print exactly one JSON object with the result on stdout')
    .option('--quiet', 'print only the result (the file path, or the JSON object)')
    .option('--overwrite', 'replace a file of the same name in --out')
    .option('--resume <token>', 'continue the job an interrupted run printed, without starting a new one')
    .option('--fresh', 'start a new job even if an interrupted run of this same command left one to continue');
}
