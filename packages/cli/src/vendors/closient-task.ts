import { type ClosientClient, type ClosientArchiveFormat, validateClosientCall } from '@exportkit/closient';
import type { ExportTask } from '../jobs/export-task.js';
import { closientAdapter, type JobOptions, startClosientExport } from '../jobs/poller-api.js';
import { resumeForTarget } from '../jobs/resume-for-target.js';

export interface ClosientExportInput {
  organizationId: string;
  archiveFormat?: ClosientArchiveFormat | undefined;
}

/**
 * A Closient organization export, its id and format checked by Closient's own
 * rules first. `jobOptions` (a shared governor) apply to the job it starts or resumes.
 */
export function closientExportTask(client: ClosientClient, input: ClosientExportInput, jobOptions: JobOptions = {}): ExportTask {
  validateClosientCall({
    method: 'POST',
    schemaPath: '/dashboard/api/v1/data-export/{organization_id}',
    path: { organization_id: input.organizationId },
    query: input.archiveFormat !== undefined ? { archive_format: input.archiveFormat } : {},
    body: undefined,
  });
  return {
    vendor: 'closient',
    start: (signal) => startClosientExport(client, input, { ...jobOptions, signal }),
    resume: (token) =>
      resumeForTarget('closient', closientAdapter(client), token, { field: 'organizationId', value: input.organizationId }, jobOptions),
    identity: JSON.stringify([input.organizationId, input.archiveFormat ?? 'zip']),
  };
}
