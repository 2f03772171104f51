import { type OutgoingCall, requireOneOf, requirePattern } from '@exportkit/core';
import { orgExportArchiveFormatEnumValues } from './generated/schema.js';

/**
 * Closient's shortuuid ids: 22 characters of its 57-letter alphabet (no 0, 1,
 * I, O, l). The same pattern as the spec's `organization_id` and `job_id`;
 * a test keeps the two equal.
 */
export const SHORTUUID_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{22}$/;
const SHORTUUID = 'a 22-character shortuuid (letters and digits without 0, 1, I, O, l)';

/** Pre-flight checks of every Closient call (the client runs it before sending). */
export function validateClosientCall(call: OutgoingCall): void {
  for (const field of ['organization_id', 'job_id']) {
    if (field in call.path) requirePattern(field, call.path[field], SHORTUUID_PATTERN, SHORTUUID);
  }
  if (call.query.archive_format !== undefined) {
    requireOneOf('archive_format', call.query.archive_format, orgExportArchiveFormatEnumValues);
  }
}
