import { randomUUID } from 'node:crypto';
import type { OmniDownloadFormat, OmniDownloadRequest } from '@exportkit/omni';
import { makeOmniFile } from '../../files/omni-file.js';
import type { MadeFile } from '../../files/omni-file.js';
import type { FileCache } from '../../jobs/file-cache.js';
import { jobPhase, type TimedJob } from '../../jobs/job-timeline.js';

export interface OmniJob extends TimedJob {
  dashboardId: string;
  userId?: string;
  format: OmniDownloadFormat;
  request: OmniDownloadRequest;
}

/** Omni's download jobs, by id, with the one-running-job-per-dashboard rule. */
export class OmniJobs {
  readonly #jobs = new Map<string, OmniJob>();

  constructor(
    private readonly files: FileCache,
    private readonly fileSize: number | undefined,
  ) {}

  get(jobId: string): OmniJob | undefined {
    return this.#jobs.get(jobId);
  }

  /**
   * The job still running on a dashboard for this key and user: Omni answers a
   * second initiate with 409 and its id. Another key's (or user's) job is not
   * theirs to attach to: the status call would answer 404.
   */
  runningOn(owner: Pick<OmniJob, 'dashboardId' | 'apiKey' | 'userId'>, now: number): OmniJob | undefined {
    for (const job of this.#jobs.values()) {
      const sameOwner = job.dashboardId === owner.dashboardId && job.apiKey === owner.apiKey && job.userId === owner.userId;
      if (sameOwner && jobPhase(job, now) === 'running') return job;
    }
    return undefined;
  }

  create(fields: Omit<OmniJob, 'id'>): OmniJob {
    const job: OmniJob = { id: randomUUID(), ...fields };
    this.#jobs.set(job.id, job);
    return job;
  }

  file(job: OmniJob): Promise<MadeFile> {
    return this.files.file(`omni/${job.id}`, () =>
      makeOmniFile({
        jobId: job.id,
        format: job.format,
        baseName: job.request.filename ?? `Dashboard ${job.dashboardId}`,
        ...(job.request.queryIdentifierMapKey ? { tile: job.request.queryIdentifierMapKey } : {}),
        ...(this.fileSize !== undefined ? { targetSize: this.fileSize } : {}),
      }),
    );
  }
}
