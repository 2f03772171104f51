import { ValidationError } from '@exportkit/core';
import type { ExportJob } from './export-job.js';
import type { JobOptions } from './job-context.js';
import { decodeResumeToken, parseResumeToken, type ResumeToken } from './resume-token.js';
import type { VendorAdapter } from './vendor-adapter.js';

/**
 * Reattaches to the job a token names (a `toJSON()` object, or its encoded
 * word), through whichever of `adapters` serves the token's vendor. Starts nothing.
 */
export function resumeExport(token: ResumeToken | string, adapters: readonly VendorAdapter[], options: JobOptions = {}): ExportJob {
  const checked = typeof token === 'string' ? decodeResumeToken(token) : parseResumeToken(token);
  const adapter = adapters.find((candidate) => candidate.vendor === checked.vendor);
  if (!adapter) {
    const known = adapters.map((candidate) => candidate.vendor).join(', ') || 'none';
    throw new ValidationError('adapters', `this token continues a ${checked.vendor} job, but no ${checked.vendor} adapter was given (given: ${known})`);
  }
  return adapter.resume(checked, options);
}
