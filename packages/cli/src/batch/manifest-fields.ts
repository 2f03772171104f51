import { closientArchiveFormats } from '@exportkit/closient';
import { omniDownloadFormats } from '@exportkit/omni';
import type { VendorName } from '../options/vendor-name.js';

/** How one field is checked: any text, or one of a few words. */
type FieldRule = { kind: 'text' } | { kind: 'choice'; choices: readonly string[] };

const TEXT: FieldRule = { kind: 'text' };
export const VENDOR_RULE: FieldRule = { kind: 'choice', choices: ['omni', 'videodb', 'closient'] };

/** Fields every line may carry, whatever the vendor. */
export const COMMON_FIELDS: Record<string, FieldRule> = {
  vendor: VENDOR_RULE,
  /** A folder under `--out` (relative, inside it). */
  out: TEXT,
  /** The file name to write, instead of the vendor's. */
  saveAs: TEXT,
};

/**
 * Each vendor's export inputs, named as that vendor's command names its
 * argument and flags (camelCase): a manifest line reads like the command it replaces.
 */
export const VENDOR_FIELDS: Record<VendorName, Record<string, FieldRule>> = {
  omni: {
    dashboardId: TEXT,
    format: { kind: 'choice', choices: omniDownloadFormats },
    tile: TEXT,
    filename: TEXT,
    paperFormat: TEXT,
    paperOrientation: TEXT,
    userId: TEXT,
  },
  videodb: { streamLink: TEXT, name: TEXT, id: TEXT },
  closient: { organizationId: TEXT, archiveFormat: { kind: 'choice', choices: closientArchiveFormats } },
};

/** The field that names a vendor's target, required on each of its lines (VideoDB: `streamLink` or `id`). */
export const TARGET_FIELD: Record<VendorName, string> = { omni: 'dashboardId', videodb: 'streamLink', closient: 'organizationId' };

/** Why a value does not fit its rule, or undefined when it does. */
export function fieldProblem(rule: FieldRule, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty string';
  if (rule.kind === 'choice' && !rule.choices.includes(value)) return `must be one of ${rule.choices.join(', ')}, got "${value.slice(0, 40)}"`;
  return undefined;
}
