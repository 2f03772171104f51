import { UsageError } from '../exit/usage-error.js';

/**
 * A manifest line the batch refuses before any request: names the file, the
 * line and the field, so the fix is one edit away. A UsageError, so it exits 2.
 */
export class ManifestError extends UsageError {
  override name = 'ManifestError';
  readonly line: number;

  constructor(file: string, line: number, field: string, rule: string) {
    super(`${file} line ${line}`, `${field}: ${rule}`);
    this.line = line;
  }
}
