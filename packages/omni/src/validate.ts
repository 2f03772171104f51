import {
  type OutgoingCall,
  requireBoolean,
  requireIntegerInRange,
  requireLength,
  requireOneOf,
  requirePattern,
  requireString,
  UUID_PATTERN,
  ValidationError,
} from '@exportkit/core';
import {
  pathsV1DashboardsDashboardIdDownloadPostRequestBodyContentApplicationJsonFormatValues as FORMATS,
  pathsV1DashboardsDashboardIdDownloadPostRequestBodyContentApplicationJsonPaperFormatValues as PAPER_FORMATS,
  pathsV1DashboardsDashboardIdDownloadPostRequestBodyContentApplicationJsonPaperOrientationValues as ORIENTATIONS,
} from './generated/schema.js';
import type { OmniDownloadFormat } from './types.js';

// Omni's format table (initiate download): which options apply to which
// formats. Options sent for a format they do not apply to are refused rather
// than silently ignored, so a user learns their PDF setting did nothing.
const APPLIES_TO: Record<string, readonly OmniDownloadFormat[]> = {
  paperFormat: ['pdf', 'png'],
  paperOrientation: ['pdf', 'png'],
  hideTitle: ['pdf', 'png'],
  showFilters: ['pdf', 'png'],
  expandTablesToShowAllRows: ['pdf', 'png'],
  singleColumnLayout: ['pdf', 'png'],
  enableFormatting: ['csv', 'xlsx', 'json'],
  hideHiddenFields: ['csv', 'xlsx'],
  overrideRowLimit: ['csv', 'xlsx', 'json'],
  maxRowLimit: ['csv', 'xlsx', 'json'],
};
const BOOLEAN_OPTIONS = [
  'hideTitle',
  'showFilters',
  'expandTablesToShowAllRows',
  'singleColumnLayout',
  'enableFormatting',
  'hideHiddenFields',
  'overrideRowLimit',
  'showContentLink',
  'useCache',
] as const;
const KNOWN_FIELDS = new Set(['format', 'filename', 'queryIdentifierMapKey', 'filterConfig', ...Object.keys(APPLIES_TO), ...BOOLEAN_OPTIONS]);
/** What Omni appends itself; a filename that carries it would end up doubled. */
const EXTENSIONS: Record<OmniDownloadFormat, string> = { pdf: '.pdf', png: '.png', csv: '.csv', xlsx: '.xlsx', json: '.json' };

/** Checks an initiate-download body against Omni's spec and format table. */
export function validateOmniDownloadRequest(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', 'must be an object with at least a format');
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) throw new ValidationError(`body.${unknown[0]}`, 'is not an option Omni accepts');
  requireOneOf('body.format', b.format, FORMATS);
  const format = b.format;

  for (const [option, formats] of Object.entries(APPLIES_TO)) {
    if (b[option] !== undefined && !formats.includes(format)) {
      throw new ValidationError(`body.${option}`, `applies only to ${formats.join(', ')}, not ${format}`);
    }
  }
  for (const option of BOOLEAN_OPTIONS) if (b[option] !== undefined) requireBoolean(`body.${option}`, b[option]);
  if (b.paperFormat !== undefined) requireOneOf('body.paperFormat', b.paperFormat, PAPER_FORMATS);
  if (b.paperOrientation !== undefined) requireOneOf('body.paperOrientation', b.paperOrientation, ORIENTATIONS);
  if (b.maxRowLimit !== undefined) requireIntegerInRange('body.maxRowLimit', b.maxRowLimit, 1, 1_000_000);
  if (b.queryIdentifierMapKey !== undefined) requireString('body.queryIdentifierMapKey', b.queryIdentifierMapKey);
  if (b.filterConfig !== undefined && (typeof b.filterConfig !== 'object' || b.filterConfig === null)) {
    throw new ValidationError('body.filterConfig', 'must be an object of filter values');
  }

  const tile = b.queryIdentifierMapKey;
  if (format === 'json' && tile === undefined) {
    throw new ValidationError('body.queryIdentifierMapKey', 'is required for json: Omni exports JSON for a single tile only');
  }
  if (b.overrideRowLimit === true && (format === 'xlsx' || format === 'json') && tile === undefined) {
    throw new ValidationError('body.queryIdentifierMapKey', `is required for ${format} with overrideRowLimit`);
  }
  if (b.filename !== undefined) {
    requireLength('body.filename', b.filename, 1, 255);
    if (b.filename.toLowerCase().endsWith(EXTENSIONS[format])) {
      throw new ValidationError('body.filename', `must not carry an extension; Omni adds ${EXTENSIONS[format]}`);
    }
  }
}

/** Pre-flight checks of every Omni call (the client runs it before sending). */
export function validateOmniCall(call: OutgoingCall): void {
  if ('dashboardId' in call.path) {
    requireString('dashboardId', call.path.dashboardId);
    // "." and ".." survive path encoding and are resolved away by URL parsing,
    // so the request would hit another endpoint.
    if (/^\.{1,2}$/.test(call.path.dashboardId)) throw new ValidationError('dashboardId', 'must not be "." or ".."');
  }
  if ('jobId' in call.path) requirePattern('jobId', call.path.jobId, UUID_PATTERN, 'a UUID');
  if (call.query.userId !== undefined) requireString('userId', call.query.userId);
  if (call.method === 'POST' && call.schemaPath === '/v1/dashboards/{dashboardId}/download') {
    validateOmniDownloadRequest(call.body);
  }
}
