import type { FileResponse } from '../download/file-response.js';
import type { JobState, ProgressEvent } from './job-state.js';
import { pollUntil, type WaitOptions } from '../internal/poll-until.js';
import type { JobContext } from './job-context.js';
import type { ResumeToken } from './resume-token.js';

/** A request for the finished file; `headers` carries Range / If-Range when resuming. */
export interface FileRequest {
  signal?: AbortSignal | undefined;
  headers: Record<string, string>;
}

/** What each vendor adapter provides; the ExportJob does the rest the same way for all. */
export interface JobDriver {
  readonly vendor: string;
  readonly id: string;
  poll(signal: AbortSignal | undefined): Promise<JobState>;
  /** The file's response, or 'not_ready' when the vendor says to wait more (Omni's 202). */
  openFile(job: JobState, request: FileRequest): Promise<FileResponse | 'not_ready'>;
  token(): ResumeToken;
}

export interface JobWaitOptions extends WaitOptions {
  /** Fires when the job's state changes (not on every poll). */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/**
 * A started (or resumed) export: `wait()` for it, `toJSON()` it to resume in
 * another process, and `runExport({ job })` downloads its file.
 */
export class ExportJob {
  readonly vendor: string;
  readonly id: string;
  readonly context: JobContext;
  readonly #driver: JobDriver;
  #last: JobState | undefined;

  constructor(driver: JobDriver, context: JobContext, initial?: JobState) {
    this.vendor = driver.vendor;
    this.id = driver.id;
    this.context = context;
    this.#driver = driver;
    this.#last = initial;
  }

  /** The last state seen, if any. */
  get state(): JobState | undefined {
    return this.#last;
  }

  /** One status call (through the rate-limit governor). */
  async poll(signal?: AbortSignal): Promise<JobState> {
    this.#last = await this.#driver.poll(signal);
    return this.#last;
  }

  /** Polls until the job succeeds (returned) or fails, times out or is aborted (thrown). */
  wait(options: JobWaitOptions = {}): Promise<JobState> {
    return pollUntil<JobState>({
      logger: this.context.logger,
      ...options,
      poll: ({ signal }) => this.poll(signal),
      statusOf: (job) => job.state,
      onChange: (job) => options.onProgress?.({ type: 'state', job }),
      describeFailure: (job) => `The ${job.vendor} job ${job.id} failed${job.error ? `: ${preview(job.error)}` : ''}`,
    });
  }

  /** Opens the finished file as a web `Response`, for sinks of your own (a browser, a stream). */
  async openFile(request: FileRequest): Promise<Response | 'not_ready'> {
    const file = await this.openFileForDownload(request);
    return file === 'not_ready' ? file : file.toResponse();
  }

  /** Opens the finished file in the form the Node downloader reads fastest (a `node:http` body where it can). */
  openFileForDownload(request: FileRequest): Promise<FileResponse | 'not_ready'> {
    const job = this.#last;
    if (!job) return this.poll(request.signal).then((state) => this.#driver.openFile(state, request));
    return this.#driver.openFile(job, request);
  }

  /** The resume token: vendor, job id and request context. Never the API key. */
  toJSON(): ResumeToken {
    return this.#driver.token();
  }
}

/** The vendor's own failure text, bounded: a 50 MB `error` field must not become a 50 MB message (the whole text stays in `job.raw`). */
const MAX_VENDOR_TEXT = 500;
function preview(text: string): string {
  return text.length > MAX_VENDOR_TEXT ? `${text.slice(0, MAX_VENDOR_TEXT)}… (${text.length} characters)` : text;
}
