import { requireString } from '@exportkit/core';
import { type OmniClient, type OmniDownloadRequest, validateOmniDownloadRequest } from '@exportkit/omni';
import type { ExportTask } from '../jobs/export-task.js';
import { omniAdapter, startOmniExport } from '../jobs/poller-api.js';
import { resumeForTarget } from '../jobs/resume-for-target.js';

export interface OmniExportInput {
  dashboardId: string;
  userId?: string | undefined;
  body: OmniDownloadRequest;
}

/** An Omni dashboard download, checked against Omni's rules before anything is sent. */
export function omniExportTask(client: OmniClient, input: OmniExportInput): ExportTask {
  requireString('dashboardId', input.dashboardId);
  if (input.userId !== undefined) requireString('--user-id', input.userId);
  validateOmniDownloadRequest(input.body);
  return {
    vendor: 'omni',
    start: (signal) => startOmniExport(client, input, { signal }),
    resume: (token) => resumeForTarget('omni', omniAdapter(client), token, { field: 'dashboardId', value: input.dashboardId }),
    identity: JSON.stringify([input.dashboardId, input.userId ?? null, input.body]),
  };
}
