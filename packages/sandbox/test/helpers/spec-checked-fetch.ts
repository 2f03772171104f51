import type { Vendor } from '../../src/index.js';
import { SpecValidator } from './spec-validator.js';

export interface CheckedResponse {
  vendor: Vendor;
  method: string;
  path: string;
  status: number;
  problems: string[];
}

/**
 * A real fetch that also validates every JSON body the sandbox sends against
 * the vendor's spec + overlay. Handed to the generated clients as their
 * `fetch`, so every response of a test is checked without hand-written asserts.
 */
export function createSpecCheck() {
  const validator = new SpecValidator();
  const checked: CheckedResponse[] = [];
  const fetchFor =
    (vendor: Vendor) =>
    async (request: Request): Promise<Response> => {
      const response = await fetch(request);
      const contentType = response.headers.get('content-type') ?? '';
      const path = new URL(request.url).pathname;
      const entry = { vendor, method: request.method, path, status: response.status };
      if (contentType.includes('json')) {
        const text = await response.clone().text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          checked.push({ ...entry, problems: ['the body is not JSON'] });
          return response;
        }
        checked.push({ ...entry, problems: validator.check({ ...entry, contentType, body }) });
      } else if (response.status !== 200 && response.status !== 202) {
        checked.push({ ...entry, problems: [`status ${response.status} with a non-JSON body (${contentType})`] });
      }
      return response;
    };
  return {
    fetchFor,
    validator,
    checked,
    /** Every problem found so far. */
    problems: () => checked.flatMap((response) => response.problems),
  };
}
