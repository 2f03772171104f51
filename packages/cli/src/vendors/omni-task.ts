import { requireString } from '@exportkit/core';
import { type OmniClient, type OmniDownloadRequest, validateOmniDownloadRequest } from '@exportkit/omni';
import type { ExportTask } from '../jobs/export-task.js';
import { type JobOptions, omniAdapter, startOmniExport } from '../jobs/poller-api.js';
import { resumeForTarget } from '../jobs/resume-for-target.js';

export interface OmniExportInput {
  dashboardId: string;
  userId?: string | undefined;
  body: OmniDownloadRequest;
}

/** The file options of an Omni download as the command's flags and a manifest's fields name them. */
export interface OmniFileOptions {
  format: OmniDownloadRequest['format'];
  tile?: string | undefined;
  filename?: string | undefined;
  paperFormat?: string | undefined;
  paperOrientation?: string | undefined;
}

/** The download body from the file options; Omni's own validator then checks which options fit the format. */
export function omniDownloadBody(options: OmniFileOptions): OmniDownloadRequest {
  return {
    format: options.format,
    ...(options.tile !== undefined ? { queryIdentifierMapKey: options.tile } : {}),
    ...(options.filename !== undefined ? { filename: options.filename } : {}),
    ...(options.paperFormat !== undefined ? { paperFormat: options.paperFormat } : {}),
    ...(options.paperOrientation !== undefined ? { paperOrientation: options.paperOrientation } : {}),
  } as OmniDownloadRequest;
}

/**
 * An Omni dashboard download, checked against Omni's rules before anything is
 * sent. `jobOptions` (a shared governor) apply to the job it starts or resumes.
 */
export function omniExportTask(client: OmniClient, input: OmniExportInput, jobOptions: JobOptions = {}): ExportTask {
  requireString('dashboardId', input.dashboardId);
  if (input.userId !== undefined) requireString('--user-id', input.userId);
  validateOmniDownloadRequest(input.body);
  return {
    vendor: 'omni',
    start: (signal) => startOmniExport(client, input, { ...jobOptions, signal }),
    resume: (token) => resumeForTarget('omni', omniAdapter(client), token, { field: 'dashboardId', value: input.dashboardId }, jobOptions),
    identity: JSON.stringify([input.dashboardId, input.userId ?? null, input.body]),
  };
}
