/**
 * The exit codes of every `exportkit` command. They are a contract with
 * scripts (issue 6): never renumber one.
 */
export const EXIT_CODES = {
  /** The file is written. */
  ok: 0,
  /** The vendor reported that the job failed. */
  jobFailed: 1,
  /** Usage or invalid input: refused before anything was sent. */
  usage: 2,
  /** The job did not finish before `--timeout`. */
  timeout: 3,
  /** The vendor refused the key (401) or the action (403). */
  authRefused: 4,
  /** Network or server errors outlasted the retries (and any other vendor error). */
  unavailable: 5,
  /** Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
