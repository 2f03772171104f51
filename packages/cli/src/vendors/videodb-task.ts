import { validateVideoDBCall, validateVideoDBCreateRequest, type VideoDBClient } from '@exportkit/videodb';
import type { ExportTask } from '../jobs/export-task.js';
import { type JobOptions, videoDBAdapter, startVideoDBExport } from '../jobs/poller-api.js';
import { resumeForTarget } from '../jobs/resume-for-target.js';

/** Create a download from a stream link, or attach to an existing download. */
export type VideoDBExportInput = { streamLink: string; name?: string | undefined } | { downloadId: string };

/** Runs VideoDB's own request checks now, so a bad link or id is refused before any request. */
function validateInput(input: VideoDBExportInput): void {
  if ('downloadId' in input) {
    validateVideoDBCall({
      method: 'GET',
      schemaPath: '/download/{download_id}',
      path: { download_id: input.downloadId },
      query: {},
      body: undefined,
    });
  } else {
    validateVideoDBCreateRequest({ stream_link: input.streamLink, ...(input.name !== undefined ? { name: input.name } : {}) });
  }
}

/**
 * A VideoDB download: new from a stream link, or an existing one by id.
 * `jobOptions` (a shared governor) apply to the job it starts or resumes.
 */
export function videoDBExportTask(client: VideoDBClient, input: VideoDBExportInput, jobOptions: JobOptions = {}): ExportTask {
  validateInput(input);
  return {
    vendor: 'videodb',
    start: (signal) => startVideoDBExport(client, input, { ...jobOptions, signal }),
    resume: (token) =>
      resumeForTarget(
        'videodb',
        videoDBAdapter(client),
        token,
        { field: 'jobId', value: 'downloadId' in input ? input.downloadId : undefined },
        jobOptions,
      ),
    identity: JSON.stringify('downloadId' in input ? ['id', input.downloadId] : ['link', input.streamLink, input.name ?? null]),
  };
}
