import { ValidationError } from '@exportkit/core';

/**
 * A command line the CLI refuses before sending anything: a missing key, two
 * flags that cannot go together. It is a ValidationError so that it shares
 * the `validation_error` code (and exit code 2) with the vendors' own checks.
 */
export class UsageError extends ValidationError {
  override name = 'UsageError';

  /** `what` names the flag or argument; `fix` says what to do about it. */
  constructor(what: string, fix: string) {
    super(what, fix);
    this.message = `${what}: ${fix}`;
  }
}
