import type { ExportJob } from './export-job.js';
import type { JobOptions } from './job-context.js';
import type { ResumeToken } from './resume-token.js';

/**
 * A vendor's lifecycle, bound to a client: what `resumeExport` needs to pick
 * up a job of that vendor from its token. Each vendor subpath makes one
 * (`omniAdapter(client)` from `@exportkit/poller/omni`, …); a fourth vendor is
 * one more object of this shape, not a change here.
 */
export interface VendorAdapter {
  readonly vendor: string;
  /** Reattaches to the job the token names (its vendor fields checked first). Starts nothing. */
  resume(token: ResumeToken, options?: JobOptions): ExportJob;
}
