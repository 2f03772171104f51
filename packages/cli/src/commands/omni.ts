import { createOmniClient, omniDownloadFormats, type OmniDownloadRequest } from '@exportkit/omni';
import { type Command, Option } from 'commander';
import { UsageError } from '../exit/usage-error.js';
import { addCommonOptions, type CommonFlags } from '../options/common-options.js';
import { resolveCommonOptions } from '../options/resolve-common-options.js';
import { runSingleExport } from '../run/run-single-export.js';
import { omniDownloadBody, omniExportTask } from '../vendors/omni-task.js';
import type { CommandContext } from './command-context.js';

interface OmniFlags extends CommonFlags {
  format: OmniDownloadRequest['format'];
  tile?: string;
  filename?: string;
  paperFormat?: string;
  paperOrientation?: string;
  userId?: string;
  instance?: string;
}

function omniServer(flags: OmniFlags): { baseUrl: string } | { instance: string } {
  if (flags.instance !== undefined && flags.baseUrl !== undefined) {
    throw new UsageError('--instance and --base-url', 'pass one of them: --instance builds https://<instance>.omniapp.co/api');
  }
  if (flags.baseUrl !== undefined) return { baseUrl: flags.baseUrl };
  if (flags.instance !== undefined) return { instance: flags.instance };
  throw new UsageError('Omni server', 'pass --instance <your omniapp.co subdomain>, or --base-url <API root> (e.g. the sandbox)');
}

/** `exportkit omni <dashboardId>`: a dashboard (or one tile) downloaded as a file. */
export function registerOmniCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('omni')
    .description('download an Omni dashboard (or one tile) as a file')
    .argument('<dashboardId>', 'the dashboard to download')
    .addOption(new Option('--format <format>', 'file format').choices(omniDownloadFormats).default('pdf'))
    .option('--tile <key>', 'only this tile (its queryIdentifierMapKey); required for json')
    .option('--filename <name>', 'file name without extension (Omni adds it)')
    .option('--paper-format <format>', 'pdf/png paper size, e.g. a4, letter, fit_page')
    .option('--paper-orientation <orientation>', 'pdf/png: portrait or landscape')
    .option('--user-id <id>', 'download as this Omni user (embedded analytics)')
    .option('--instance <name>', 'your Omni instance: https://<name>.omniapp.co/api');
  addCommonOptions(command).action(async (dashboardId: string, flags: OmniFlags) => {
    const settings = resolveCommonOptions('omni', flags, context.env);
    const client = createOmniClient({ apiKey: settings.apiKey, ...omniServer(flags) });
    const task = omniExportTask(client, { dashboardId, userId: flags.userId, body: omniDownloadBody(flags) });
    context.exit(await runSingleExport(task, settings, context.output, context.args));
  });
}
