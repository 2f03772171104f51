/**
 * Omni dashboard downloads through the poller: one call from request to file on disk.
 *
 * @module @exportkit/poller/omni
 */
import type { OmniClient } from '@exportkit/omni';
import { runExport, type ExportResult, type RunExportOptions } from './export/run-export.js';
import { startOmniExport, type OmniExportRequest } from './vendors/omni.js';

export { omniAdapter, resumeOmniExport, startOmniExport, type OmniExportRequest, type OmniJobLocation } from './vendors/omni.js';
export type { StartOptions } from './export/governed-call.js';

/** Starts an Omni dashboard download (or joins the one running), waits for it and writes the file under `options.to`. */
export function exportOmniDashboard(client: OmniClient, request: OmniExportRequest, options: RunExportOptions): Promise<ExportResult> {
  return runExport({ start: (signal) => startOmniExport(client, request, { ...options, signal }) }, options);
}
