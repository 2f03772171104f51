import { UsageError } from '../exit/usage-error.js';
import type { VendorName } from '../options/vendor-name.js';
import { decodeResumeToken, type ExportJob, type JobOptions, resumeExport, type VendorAdapter } from './poller-api.js';

type TargetField = 'dashboardId' | 'organizationId' | 'jobId';

/**
 * Resumes the job a `--resume` token names, refusing a token made for another
 * command (`omni … --resume <closient token>`) or another target
 * (`closient ORG_A --resume <token of ORG_B>`): resuming silently would write
 * some other export where this one was asked for.
 */
export function resumeForTarget(
  vendor: VendorName,
  adapter: VendorAdapter,
  token: string,
  target: { field: TargetField; value: string | undefined },
  jobOptions: JobOptions = {},
): ExportJob {
  const parsed = decodeResumeToken(token);
  if (parsed.vendor !== vendor) {
    throw new UsageError('--resume', `this token continues a ${parsed.vendor} job: run it with \`exportkit ${parsed.vendor}\``);
  }
  const inToken = (parsed as Partial<Record<TargetField, string>>)[target.field];
  if (target.value !== undefined && inToken !== undefined && inToken !== target.value) {
    throw new UsageError('--resume', `this token continues ${target.field} ${inToken}, not ${target.value}: run the command it was printed with`);
  }
  return resumeExport(parsed, [adapter], jobOptions);
}
