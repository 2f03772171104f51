/**
 * Closient organization data exports through the poller: one call from request to archive on disk.
 *
 * @module @exportkit/poller/closient
 */
import type { ClosientClient, ClosientExportSection } from '@exportkit/closient';
import { runExport, type ExportResult, type RunExportOptions } from './export/run-export.js';
import { closientSections, startClosientExport, type ClosientExportRequest } from './vendors/closient.js';

export {
  closientAdapter,
  closientSections,
  resumeClosientExport,
  startClosientExport,
  type ClosientExportRequest,
} from './vendors/closient.js';
export type { StartOptions } from './export/governed-call.js';

export interface ClosientExportResult extends ExportResult {
  /** What each section of the organization exported (ok, empty, partial, error). */
  sections: ClosientExportSection[];
}

/** Requests a Closient organization export, waits and writes the archive; `sections` says what it holds. */
export async function exportClosientOrg(
  client: ClosientClient,
  request: ClosientExportRequest,
  options: RunExportOptions,
): Promise<ClosientExportResult> {
  const result = await runExport({ start: (signal) => startClosientExport(client, request, { ...options, signal }) }, options);
  return { ...result, sections: closientSections(result.job) };
}
