import type { components } from './generated/schema.js';

/** The status of an export job (request and poll both answer it). */
export type ClosientExportStatus = components['schemas']['OrgExportStatusOut'];
/** `pending | processing | completed | failed`. */
export type ClosientExportState = components['schemas']['OrgExportStatusEnum'];
/** `zip | tar.gz`. */
export type ClosientArchiveFormat = components['schemas']['OrgExportArchiveFormatEnum'];
/** One section of the export inventory (also in the archive's manifest). */
export type ClosientExportSection = components['schemas']['OrgExportSectionOut'];
/** An RFC 9457 problem+json error body. */
export type ClosientProblem = components['schemas']['ErrorOut'];
