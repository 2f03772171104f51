import type { ClosientProblem } from '@exportkit/closient';
import { STATUS_CODES } from 'node:http';
import type { Reply } from '../../server/reply.js';

const CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  422: 'validation_error',
  429: 'rate_limited',
  500: 'internal_error',
};

/** An RFC 9457 problem+json reply in Closient's shape. */
export function closientProblem(status: number, detail: string, extra: Partial<ClosientProblem> = {}): Reply {
  const code = CODES[status] ?? 'error';
  const body: ClosientProblem = {
    type: `https://closient.com/docs/errors/${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    error_code: code,
    retryable: status === 429 || status >= 500,
    timestamp: new Date().toISOString(),
    ...extra,
  };
  return { status, headers: { 'Content-Type': 'application/problem+json' }, json: body };
}
