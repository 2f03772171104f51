import { randomBytes } from 'node:crypto';
import type { MadeFile } from '../../files/omni-file.js';
import { makeVideoDBMedia } from '../../files/videodb-media.js';
import type { FileCache } from '../../jobs/file-cache.js';
import type { TimedJob } from '../../jobs/job-timeline.js';

export interface VideoDBJob extends TimedJob {
  streamLink: string;
  name: string;
}

/** VideoDB's downloads, in creation order (the list endpoint pages through them). */
export class VideoDBJobs {
  readonly #jobs = new Map<string, VideoDBJob>();

  constructor(
    private readonly files: FileCache,
    private readonly fileSize: number | undefined,
  ) {}

  get(id: string): VideoDBJob | undefined {
    return this.#jobs.get(id);
  }

  ownedBy(apiKey: string): VideoDBJob[] {
    return [...this.#jobs.values()].filter((job) => job.apiKey === apiKey);
  }

  create(fields: Omit<VideoDBJob, 'id' | 'name'> & { name?: string }): VideoDBJob {
    const id = `dl-${randomBytes(8).toString('hex')}`;
    const job: VideoDBJob = { ...fields, id, name: fields.name ?? `${id}.mp4` };
    this.#jobs.set(id, job);
    return job;
  }

  delete(id: string): boolean {
    return this.#jobs.delete(id);
  }

  file(job: VideoDBJob): Promise<MadeFile> {
    return this.files.file(`videodb/${job.id}`, () => makeVideoDBMedia(job.id, job.name, this.fileSize));
  }
}
