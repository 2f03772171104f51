import { ExportkitError } from './exportkit-error.js';

/**
 * Input that the vendor's spec forbids, caught before any request is sent.
 * `field` names the input (`organizationId`, `body.paperFormat`), `rule` the
 * constraint it broke, in words a user can act on.
 */
export class ValidationError extends ExportkitError {
  override name = 'ValidationError';
  readonly field: string;
  readonly rule: string;

  constructor(field: string, rule: string) {
    super('validation_error', `Invalid ${field}: ${rule}`);
    this.field = field;
    this.rule = rule;
  }
}
