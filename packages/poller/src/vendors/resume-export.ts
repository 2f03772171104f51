import type { ClosientClient } from '@exportkit/closient';
import { ValidationError } from '@exportkit/core';
import type { OmniClient } from '@exportkit/omni';
import type { VideoDBClient } from '@exportkit/videodb';
import { resumeClosientExport } from './closient.js';
import type { ExportJob } from './export-job.js';
import type { JobOptions } from './job-context.js';
import { resumeOmniExport } from './omni.js';
import { decodeResumeToken, parseResumeToken, type ResumeToken } from './resume-token.js';
import { resumeVideoDBExport } from './videodb.js';

/** The clients a resumed job may need; only the token's vendor is required. */
export interface VendorClients {
  omni?: OmniClient | undefined;
  videodb?: VideoDBClient | undefined;
  closient?: ClosientClient | undefined;
}

/** Reattaches to the job a token names (a `toJSON()` object, or its encoded word). Starts nothing. */
export function resumeExport(clients: VendorClients, token: ResumeToken | string, options: JobOptions = {}): ExportJob {
  const checked = typeof token === 'string' ? decodeResumeToken(token) : parseResumeToken(token);
  const missing = () => new ValidationError('clients', `a ${checked.vendor} client is needed to resume this job`);
  switch (checked.vendor) {
    case 'omni':
      if (!clients.omni) throw missing();
      return resumeOmniExport(clients.omni, checked, options);
    case 'videodb':
      if (!clients.videodb) throw missing();
      return resumeVideoDBExport(clients.videodb, checked, options);
    case 'closient':
      if (!clients.closient) throw missing();
      return resumeClosientExport(clients.closient, checked, options);
  }
}
