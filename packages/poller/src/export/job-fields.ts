import { UnreadableAnswerError } from '../errors/unreadable-answer-error.js';
import type { JobContext } from './job-context.js';
import type { JobState } from './job-state.js';

/** Longer than any status word a vendor uses: a 50 MB "status" is garbage, not a new word. */
const MAX_STATUS_WORD = 64;

/**
 * Normalises a vendor status word. A word the vendor never documented (the
 * build checks the overlay covers the spec's enum, so only a vendor that
 * changed before our next release sends one) reads as still running, with a
 * warning. An answer with no status word at all is not a status: it throws
 * UnreadableAnswerError, which the wait loop retries a few times and then
 * reports, instead of waiting for the deadline.
 */
export function normaliseStatus(
  context: JobContext,
  jobId: string,
  word: unknown,
  vocabulary: Readonly<Record<string, JobState['state']>>,
): JobState['state'] {
  if (typeof word === 'string' && Object.hasOwn(vocabulary, word)) return vocabulary[word] as JobState['state'];
  if (typeof word !== 'string' || word === '' || word.length > MAX_STATUS_WORD) {
    throw new UnreadableAnswerError(context.vendor, jobId, typeof word === 'string' ? `a status of ${word.length} characters` : 'no status in the answer');
  }
  context.logger?.warn?.(`${context.vendor} answered an undocumented status; treating it as running`, { status: word });
  return 'running';
}

/** A byte count a vendor stated, if it is one: a safe non-negative integer (0 means not known yet). */
export function statedSize(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A non-empty string field, or nothing. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops undefined fields, so a JobState serialises without empty keys. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
