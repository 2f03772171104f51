import { ExportkitError } from '@exportkit/core';

/**
 * The vendor's status answer could not be read as a status, several times in
 * a row (no status field, a status that is no word, a JSON bomb): waiting
 * longer would only wait for the deadline. The job may still be fine: its
 * resume token continues it once the vendor answers sensibly again.
 */
export class UnreadableAnswerError extends ExportkitError {
  override name = 'UnreadableAnswerError';
  readonly vendor: string;
  readonly jobId: string;

  constructor(vendor: string, jobId: string, what: string) {
    super('unreadable_answer', `Could not read ${vendor}'s answer about job ${jobId}: ${what}`);
    this.vendor = vendor;
    this.jobId = jobId;
  }
}
