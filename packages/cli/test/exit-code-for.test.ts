import { AuthenticationError, ConnectionError, PermissionDeniedError, ServerError, ValidationError } from '@exportkit/core';
import { AbortedError, JobFailedError, PollTimeoutError } from '@exportkit/poller';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/exit/exit-codes.js';
import { exitCodeFor } from '../src/exit/exit-code-for.js';
import { UsageError } from '../src/exit/usage-error.js';

const http = (status: number) => ({ status, retryable: status >= 500 });

// The subprocess tests cover each code end to end; this pins the one mapping for every class.
describe('exitCodeFor', () => {
  const cases: [string, unknown, number][] = [
    ['a failed job', new JobFailedError('failed', undefined), EXIT_CODES.jobFailed],
    ['a refusal of the CLI', new UsageError('--port', 'pick one'), EXIT_CODES.usage],
    ['a vendor validation error', new ValidationError('organization_id', 'a shortuuid'), EXIT_CODES.usage],
    ['a timeout', new PollTimeoutError(1000, undefined), EXIT_CODES.timeout],
    ['a 401', new AuthenticationError(http(401)), EXIT_CODES.authRefused],
    ['a 403', new PermissionDeniedError(http(403)), EXIT_CODES.authRefused],
    ['a 5xx', new ServerError(http(503)), EXIT_CODES.unavailable],
    ['no connection', new ConnectionError('refused'), EXIT_CODES.unavailable],
    ['an abort', new AbortedError(undefined), EXIT_CODES.interrupted],
    ['a bare network errno', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), EXIT_CODES.unavailable],
    ['a local bug', new TypeError('x is undefined'), EXIT_CODES.jobFailed],
  ];
  for (const [name, error, code] of cases) {
    it(`maps ${name} to ${code}`, () => expect(exitCodeFor(error)).toBe(code));
  }
});
