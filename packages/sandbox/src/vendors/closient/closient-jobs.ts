import type { ClosientArchiveFormat } from '@exportkit/closient';
import { makeClosientArchive } from '../../files/closient-export.js';
import type { MadeFile } from '../../files/omni-file.js';
import type { FileCache } from '../../jobs/file-cache.js';
import type { TimedJob } from '../../jobs/job-timeline.js';
import { newShortUuid } from './closient-keys.js';

export interface ClosientJob extends TimedJob {
  organizationId: string;
  archiveFormat: ClosientArchiveFormat;
  outputFilename: string;
}

/** `closient-export-<org>-<yyyymmdd>-<hhmmss>.<ext>`, as in Closient's example. */
function outputFilename(organizationId: string, createdAt: number, format: ClosientArchiveFormat): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `closient-export-${organizationId.toLowerCase()}-${stamp}.${format}`;
}

export class ClosientJobs {
  readonly #jobs = new Map<string, ClosientJob>();

  constructor(
    private readonly files: FileCache,
    private readonly fileSize: number | undefined,
  ) {}

  get(jobId: string): ClosientJob | undefined {
    return this.#jobs.get(jobId);
  }

  create(fields: Omit<ClosientJob, 'id' | 'outputFilename'>): ClosientJob {
    const job: ClosientJob = {
      ...fields,
      id: newShortUuid(),
      outputFilename: outputFilename(fields.organizationId, fields.createdAt, fields.archiveFormat),
    };
    this.#jobs.set(job.id, job);
    return job;
  }

  file(job: ClosientJob): Promise<MadeFile> {
    return this.files.file(`closient/${job.id}`, () =>
      makeClosientArchive(job.organizationId, job.id, job.archiveFormat, job.outputFilename, this.fileSize),
    );
  }
}
