import { createVideoDBClient } from '@exportkit/videodb';
import type { Command } from 'commander';
import { UsageError } from '../exit/usage-error.js';
import { addCommonOptions, type CommonFlags } from '../options/common-options.js';
import { resolveCommonOptions, vendorClientOptions } from '../options/resolve-common-options.js';
import { runSingleExport } from '../run/run-single-export.js';
import { type VideoDBExportInput, videoDBExportTask } from '../vendors/videodb-task.js';
import type { CommandContext } from './command-context.js';

interface VideoDBFlags extends CommonFlags {
  name?: string;
  id?: string;
}

/** Either a new download from a stream link, or an existing one by `--id`: never both, never neither. */
function videoDBInput(streamLink: string | undefined, flags: VideoDBFlags): VideoDBExportInput {
  if (flags.id !== undefined) {
    if (streamLink !== undefined) {
      throw new UsageError('<streamLink> and --id', 'pass a stream link to create a download, or --id to fetch an existing one, not both');
    }
    if (flags.name !== undefined) throw new UsageError('--name', 'names a new download; it cannot rename an existing one (--id)');
    return { downloadId: flags.id };
  }
  if (streamLink === undefined) {
    throw new UsageError('<streamLink>', 'pass the stream link to download, or --id <downloadId> for an existing download');
  }
  return { streamLink, name: flags.name };
}

/** `exportkit videodb <streamLink> | --id <downloadId>`: create (or find) a download, wait, fetch. */
export function registerVideoDBCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('videodb')
    .description('create a VideoDB download from a stream link (or fetch an existing one) and save it')
    .argument('[streamLink]', 'the stream to download (an http(s) URL)')
    .option('--name <name>', 'name of the new download')
    .option('--id <downloadId>', 'wait for and fetch an existing download instead of creating one');
  addCommonOptions(command).action(async (streamLink: string | undefined, flags: VideoDBFlags) => {
    const settings = resolveCommonOptions('videodb', flags, context.env);
    const input = videoDBInput(streamLink, flags);
    const client = createVideoDBClient(vendorClientOptions(settings));
    context.exit(await runSingleExport(videoDBExportTask(client, input), settings, context.output, context.args));
  });
}
