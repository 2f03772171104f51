import { createClosientClient } from '@exportkit/closient';
import { createOmniClient } from '@exportkit/omni';
import { createVideoDBClient } from '@exportkit/videodb';
import type { ExportTask } from '../jobs/export-task.js';
import type { Sandbox } from '../jobs/sandbox-api.js';
import { closientExportTask } from '../vendors/closient-task.js';
import { omniExportTask } from '../vendors/omni-task.js';
import { videoDBExportTask } from '../vendors/videodb-task.js';

/** The demo's three exports, on the sandbox's own fixtures and test keys. */
export function demoTasks(sandbox: Sandbox): ExportTask[] {
  const { baseUrls, apiKeys, fixtures } = sandbox;
  const omni = createOmniClient({ apiKey: apiKeys.omni, baseUrl: baseUrls.omni });
  const closient = createClosientClient({ apiKey: apiKeys.closient, baseUrl: baseUrls.closient });
  const videodb = createVideoDBClient({ apiKey: apiKeys.videodb, baseUrl: baseUrls.videodb });
  return [
    omniExportTask(omni, { dashboardId: fixtures.omniDashboardId, body: { format: 'pdf' } }),
    closientExportTask(closient, { organizationId: fixtures.closientOrganizationId, archiveFormat: 'zip' }),
    // The sandbox's VideoDB serves MP4 files; the download's name becomes the file name.
    videoDBExportTask(videodb, { streamLink: fixtures.videodbStreamLink, name: 'exportkit-demo.mp4' }),
  ];
}
