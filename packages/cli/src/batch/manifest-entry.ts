import type { ExportTask } from '../jobs/export-task.js';
import type { VendorName } from '../options/vendor-name.js';

/** One checked manifest line: the export to run, and where its file goes. */
export interface ManifestEntry {
  line: number;
  vendor: VendorName;
  /** The vendor's export inputs as the manifest gave them (fields checked, never a key). */
  inputs: Record<string, string>;
  /** The folder under the batch's `--out` (the manifest's `out`, or `.`). */
  folder: string;
  /** The file name to write instead of the vendor's (`saveAs`). */
  saveAs?: string | undefined;
}

/** A manifest entry bound to its vendor client: what the batch runs. */
export interface BatchJob {
  entry: ManifestEntry;
  task: ExportTask;
  /** Absolute destination folder. */
  outDir: string;
  /** Names this export in its folder's journal and in the batch's record of finished files. */
  journalKey: string;
}
