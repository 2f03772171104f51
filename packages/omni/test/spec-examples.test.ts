import { UUID_PATTERN, ValidationError } from '@exportkit/core';
import { atPointer, checkSpecExamples } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { omniDownloadFormats, omniJobStates, validateOmniCall, validateOmniDownloadRequest } from '../src/index.js';
import { openapiDocument } from '../src/generated/document.js';
import { openapiDocument as published } from '@exportkit/omni/openapi';

const INITIATE = '/paths/~1v1~1dashboards~1{dashboardId}~1download/post';
const BODY_SCHEMA = `${INITIATE}/requestBody/content/application~1json/schema`;

describe('Omni spec examples', () => {
  const { examples, findings } = checkSpecExamples(openapiDocument);

  it('the package exports the overlaid document at @exportkit/omni/openapi', () => {
    expect(published).toEqual(openapiDocument);
  });

  it('every request and response example matches its schema (OpenAPI 3.1 / JSON Schema 2020-12)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.some((e) => e.pointer.includes('/requestBody/'))).toBe(true);
    expect(examples.some((e) => e.pointer.includes('/responses/409/'))).toBe(true);
    expect(findings).toEqual([]);
  });

  it('every request body example passes the client-side validator too', () => {
    const bodies = examples.filter((e) => e.schemaPointer === BODY_SCHEMA);
    expect(bodies.map((e) => (e.value as { format: string }).format).sort()).toEqual(['csv', 'json', 'pdf']);
    for (const { value } of bodies) expect(() => validateOmniDownloadRequest(value)).not.toThrow();
  });

  it('every job id example is a UUID the validator accepts', () => {
    const jobIds = examples
      .map((e) => e.value as Record<string, unknown>)
      .flatMap((v) => [v?.job_id, v?.existing_job_id])
      .filter((id): id is string => typeof id === 'string');
    expect(jobIds.length).toBeGreaterThanOrEqual(5);
    for (const id of jobIds) expect(id).toMatch(UUID_PATTERN);
  });
});

describe("Omni validators agree with the spec's constraints", () => {
  const schema = atPointer(openapiDocument, BODY_SCHEMA) as {
    properties: Record<string, { enum?: string[]; maxLength?: number; minimum?: number; maximum?: number }>;
  };

  it('format and status enums are the spec lists', () => {
    expect([...omniDownloadFormats]).toEqual(schema.properties.format?.enum);
    const status = atPointer(
      openapiDocument,
      '/paths/~1v1~1dashboards~1{dashboardId}~1download~1{jobId}~1status/get/responses/200/content/application~1json/schema/properties/status/enum',
    );
    expect([...omniJobStates]).toEqual(status);
  });

  it('maxRowLimit bounds and filename length are the spec bounds', () => {
    const { minimum, maximum } = schema.properties.maxRowLimit ?? {};
    const maxLength = schema.properties.filename?.maxLength;
    expect([minimum, maximum, maxLength]).toEqual([1, 1_000_000, 255]);
    expect(() => validateOmniDownloadRequest({ format: 'csv', maxRowLimit: maximum })).not.toThrow();
    expect(() => validateOmniDownloadRequest({ format: 'csv', maxRowLimit: minimum })).not.toThrow();
    expect(() => validateOmniDownloadRequest({ format: 'csv', maxRowLimit: (maximum ?? 0) + 1 })).toThrow(ValidationError);
    expect(() => validateOmniDownloadRequest({ format: 'csv', maxRowLimit: (minimum ?? 0) - 1 })).toThrow(ValidationError);
    expect(() => validateOmniDownloadRequest({ format: 'pdf', filename: 'x'.repeat(maxLength ?? 0) })).not.toThrow();
    expect(() => validateOmniDownloadRequest({ format: 'pdf', filename: 'x'.repeat((maxLength ?? 0) + 1) })).toThrow(ValidationError);
  });

  it('the body option list is the spec property list (additionalProperties: false)', () => {
    expect((atPointer(openapiDocument, BODY_SCHEMA) as { additionalProperties: unknown }).additionalProperties).toBe(false);
    for (const option of Object.keys(schema.properties)) {
      let refusedAsUnknown = false;
      try {
        validateOmniDownloadRequest({ format: 'pdf', [option]: undefined });
      } catch (error) {
        refusedAsUnknown = (error as ValidationError).rule.includes('not an option');
      }
      expect({ option, refusedAsUnknown }).toEqual({ option, refusedAsUnknown: false });
    }
    expect(() => validateOmniDownloadRequest({ format: 'pdf', notInSpec: 1 })).toThrow(/not an option/);
  });

  it('jobId is format uuid in the spec wherever the validator demands a UUID', () => {
    for (const path of ['/v1/dashboards/{dashboardId}/download/{jobId}/status', '/v1/dashboards/{dashboardId}/download/{jobId}']) {
      const pointer = `/paths/${path.replaceAll('/', '~1')}/get/parameters`;
      const params = atPointer(openapiDocument, pointer) as { name?: string; schema?: { format?: string } }[];
      expect(params.find((p) => p.name === 'jobId')?.schema?.format).toBe('uuid');
      expect(() =>
        validateOmniCall({ method: 'GET', schemaPath: path, path: { dashboardId: 'd', jobId: 'nope' }, query: {}, body: undefined }),
      ).toThrow(/jobId/);
    }
  });
});
