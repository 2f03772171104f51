// A bound on how long a scenario may run: its own deadline plus a grace for
// cleanup. Past that the scenario is a hang, reported as such, instead of
// holding the suite until vitest's timeout.
export const DEADLINE_GRACE_MS = 5_000;

export async function withinDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${deadlineMs + DEADLINE_GRACE_MS} ms after it started: its deadline was ${deadlineMs} ms`)), deadlineMs + DEADLINE_GRACE_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}
