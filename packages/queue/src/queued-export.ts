import { createHash } from 'node:crypto';
import { ValidationError } from '@exportkit/core';
import type { ResumeToken } from '@exportkit/poller';

/**
 * One export as it waits in the queue: what to export and where the file
 * goes. Never a key: each worker brings its own, from its own config.
 */
export interface QueuedExport {
  /** `omni`, `videodb`, `closient`, or your own adapter's vendor. */
  vendor: string;
  /** The vendor's export inputs (the CLI's manifest fields: `dashboardId`, `format`, …), as strings. */
  inputs: Record<string, string>;
  /**
   * The destination folder, as the workers see it. On storage every worker
   * mounts at this path, a worker that takes over a dead one's job also
   * continues its bytes (the partial file is found there).
   */
  to: string;
  /** The file name to write instead of the vendor's. */
  saveAs?: string | undefined;
  /** Names the export (vendor, API root, target, file options): its journal key. */
  key: string;
}

/** A queue job's data: the export, and once the vendor job exists its resume token (never a key). */
export interface ExportJobData {
  export: QueuedExport;
  token?: ResumeToken | undefined;
}

/** Input names that would carry a credential: refused, so a key never lands in Redis by mistake. */
const CREDENTIAL_NAME = /(api[-_]?key|secret|password|token|authorization)/i;
const MAX_TEXT = 4096;

function checkText(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_TEXT) throw new ValidationError(field, `must be a non-empty string of at most ${MAX_TEXT} characters`);
}

/** Checks a queued export's shape (before it is added, and again when a worker takes it from Redis). */
export function checkQueuedExport(value: unknown): QueuedExport {
  if (typeof value !== 'object' || value === null) throw new ValidationError('export', 'must be an object');
  const candidate = value as Partial<QueuedExport>;
  checkText('export.vendor', candidate.vendor);
  checkText('export.to', candidate.to);
  checkText('export.key', candidate.key);
  if (candidate.saveAs !== undefined) checkText('export.saveAs', candidate.saveAs);
  const inputs = candidate.inputs;
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) throw new ValidationError('export.inputs', 'must be an object of strings');
  for (const [name, text] of Object.entries(inputs)) {
    if (CREDENTIAL_NAME.test(name)) throw new ValidationError(`export.inputs.${name}`, 'looks like a credential: keys stay in each worker’s config, never in the queue');
    checkText(`export.inputs.${name}`, text);
  }
  return {
    vendor: candidate.vendor,
    inputs: { ...inputs },
    to: candidate.to,
    key: candidate.key,
    ...(candidate.saveAs !== undefined ? { saveAs: candidate.saveAs } : {}),
  };
}

/**
 * The queue job id of an export: a hash of what it is and where it goes, so
 * adding the same export twice finds the job already there. (BullMQ ids must
 * not contain `:`, nor be a bare integer.)
 */
export function exportJobId(request: QueuedExport): string {
  const digest = createHash('sha256').update(JSON.stringify([request.vendor, request.key, request.to, request.saveAs ?? null])).digest('hex');
  return `export-${digest.slice(0, 40)}`;
}
