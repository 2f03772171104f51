import type { JobState } from './job-state.js';
import type { JobContext } from './job-context.js';

/** Normalises a vendor status word, logging (not failing on) words the vendor never documented. */
export function normaliseStatus(
  context: JobContext,
  word: unknown,
  vocabulary: Readonly<Record<string, JobState['state']>>,
): JobState['state'] {
  if (typeof word === 'string' && Object.hasOwn(vocabulary, word)) return vocabulary[word] as JobState['state'];
  // An undocumented status is treated as still running; the wait loop's backoff keeps it from busy-looping.
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
