import type { VendorName } from '../options/vendor-name.js';
import type { ExportJob } from './poller-api.js';

/**
 * One export the CLI can run: a vendor, and how to get its job handle —
 * a new job, or the one a resume token names. Commands and the demo build
 * these; `runExportTask` runs them all the same way.
 */
export interface ExportTask {
  vendor: VendorName;
  /** Starts a new export job (sends the vendor's "start" request). */
  start(signal: AbortSignal): Promise<ExportJob>;
  /** Attaches to the job a `--resume` token names, without starting a new one. */
  resume(token: string): ExportJob;
  /**
   * Names this export among others of the same vendor: its target and the
   * options that shape the file (never the key). With the API's base URL it
   * keys the journal, so running the same command again continues the job.
   */
  identity: string;
}
