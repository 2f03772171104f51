/**
 * Whether this worker may still write a queue job's file. BullMQ renews each
 * active job's lock in Redis; once a lock expires, another worker may take
 * the job (a stalled job) and continue the same partial file. So a worker
 * writes only while its lock is confirmed fresh: after a renewal fails
 * (`lost`), or when none has been confirmed for `freshForMs` — Redis
 * unreachable, or the process was frozen — it stops, well before another
 * worker could take the lock over (that needs the full lock duration, plus a
 * stalled-job check).
 */
export class LockLeases {
  readonly #confirmedAt = new Map<string, number>();
  readonly #lost = new Set<string>();
  readonly #freshForMs: number;
  readonly #now: () => number;

  /** `lockDurationMs`: the worker's lock duration; a lock counts as fresh for two thirds of it after a confirmation. */
  constructor(lockDurationMs: number, now: () => number = () => performance.now()) {
    this.#freshForMs = (lockDurationMs * 2) / 3;
    this.#now = now;
  }

  /** The worker just took the job (its lock is new). */
  taken(jobId: string): void {
    this.#lost.delete(jobId);
    this.#confirmedAt.set(jobId, this.#now());
  }

  /** BullMQ renewed these locks. */
  renewed(jobIds: readonly string[]): void {
    const now = this.#now();
    for (const id of jobIds) if (this.#confirmedAt.has(id)) this.#confirmedAt.set(id, now);
  }

  /** BullMQ could not renew these locks: another worker may own the jobs now. */
  lost(jobIds: readonly string[]): void {
    for (const id of jobIds) if (this.#confirmedAt.has(id)) this.#lost.add(id);
  }

  /** The job ended here: forget it. */
  released(jobId: string): void {
    this.#confirmedAt.delete(jobId);
    this.#lost.delete(jobId);
  }

  /** True while the job's lock is held and fresh: writing its file is safe. */
  mayWrite(jobId: string): boolean {
    const at = this.#confirmedAt.get(jobId);
    return at !== undefined && !this.#lost.has(jobId) && this.#now() - at < this.#freshForMs;
  }
}
