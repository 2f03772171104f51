import { ExportkitError } from './exportkit-error.js';

/**
 * The vendor's API answered with a redirect that would carry the API key off
 * its origin (or went round in circles). Nothing was sent to `target`.
 */
export class RedirectError extends ExportkitError {
  override name = 'RedirectError';
  /** The refused target: scheme, host and path only (a query may hold a signature or a token). */
  readonly target: string;
  readonly status: number;

  constructor(status: number, target: string, reason: string) {
    super('redirect_refused', `The vendor answered ${status} towards ${target}: ${reason}`);
    this.status = status;
    this.target = target;
  }
}
