import { type ClosientArchiveFormat, closientArchiveFormats, createClosientClient } from '@exportkit/closient';
import { type Command, Option } from 'commander';
import { addCommonOptions, type CommonFlags } from '../options/common-options.js';
import { resolveCommonOptions, vendorClientOptions } from '../options/resolve-common-options.js';
import { runSingleExport } from '../run/run-single-export.js';
import { closientExportTask } from '../vendors/closient-task.js';
import type { CommandContext } from './command-context.js';

interface ClosientFlags extends CommonFlags {
  archiveFormat: ClosientArchiveFormat;
}

/** `exportkit closient <organizationId>`: the organization's data export as an archive. */
export function registerClosientCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('closient')
    .description("export a Closient organization's data as an archive")
    .argument('<organizationId>', 'the organization (a 22-character shortuuid)')
    .addOption(new Option('--archive-format <format>', 'archive type').choices(closientArchiveFormats).default('zip'));
  addCommonOptions(command).action(async (organizationId: string, flags: ClosientFlags) => {
    const settings = resolveCommonOptions('closient', flags, context.env);
    const client = createClosientClient(vendorClientOptions(settings));
    const task = closientExportTask(client, { organizationId, archiveFormat: flags.archiveFormat });
    context.exit(await runSingleExport(task, settings, context.output, context.args));
  });
}
