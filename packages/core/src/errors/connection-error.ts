import { ExportkitError } from './exportkit-error.js';

/** The request never got an HTTP answer: DNS, refused, reset, TLS, timeout. */
export class ConnectionError extends ExportkitError {
  override name = 'ConnectionError';
  /** Connection failures are transient by nature; the poller retries them, bounded. */
  readonly retryable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super('connection_error', message, options);
  }
}
