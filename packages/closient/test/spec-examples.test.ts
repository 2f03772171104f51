import { atPointer, checkSpecExamples } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { openapiDocument as published } from '@exportkit/closient/openapi';
import { closientArchiveFormats, closientExportStates, SHORTUUID_PATTERN } from '../src/index.js';
import { openapiDocument } from '../src/generated/document.js';

const POLL = '/paths/~1dashboard~1api~1v1~1data-export~1{organization_id}~1{job_id}/get';
const REQUEST = '/paths/~1dashboard~1api~1v1~1data-export~1{organization_id}/post';
/** Closient's own example job id: 22 characters, but with 0 and 1, which its shortuuid alphabet excludes. */
const VENDOR_EXAMPLE_JOB_ID = 'a1b2c3d4e5f6g7h8i9j0k1';

describe('Closient spec examples', () => {
  const { examples, findings } = checkSpecExamples(openapiDocument);

  it('the package exports the overlaid document at @exportkit/closient/openapi', () => {
    expect(published).toEqual(openapiDocument);
  });

  it('collects the status, section and problem+json examples', () => {
    expect(examples.map((e) => e.pointer)).toEqual(
      expect.arrayContaining([
        '/components/schemas/OrgExportStatusOut/examples/0',
        '/components/schemas/OrgExportSectionOut/examples/0',
        '/components/schemas/ErrorOut/examples/0',
        '/components/schemas/ErrorOut/examples/1',
        '/components/schemas/ErrorOut/examples/2',
      ]),
    );
  });

  it("finds exactly the vendor's known defect: the example job_id breaks the shortuuid pattern", () => {
    expect(findings).toEqual([
      {
        pointer: '/components/schemas/OrgExportStatusOut/examples/0',
        errors: [{ instancePath: '/job_id', keyword: 'pattern', message: expect.stringContaining(SHORTUUID_PATTERN.source) }],
      },
    ]);
    expect(atPointer(openapiDocument, '/components/schemas/OrgExportStatusOut/examples/0/job_id')).toBe(VENDOR_EXAMPLE_JOB_ID);
    expect(VENDOR_EXAMPLE_JOB_ID).toHaveLength(22);
    expect(SHORTUUID_PATTERN.test(VENDOR_EXAMPLE_JOB_ID)).toBe(false);
  });

  it('the example is otherwise valid: with a conforming job_id it passes', () => {
    const example = atPointer(openapiDocument, '/components/schemas/OrgExportStatusOut/examples/0') as Record<string, unknown>;
    const fixed = structuredClone(openapiDocument) as Record<string, unknown>;
    const fixedExample = atPointer(fixed, '/components/schemas/OrgExportStatusOut/examples/0') as Record<string, unknown>;
    fixedExample.job_id = '23456789ABCDEFGHJKLMNP';
    expect(example.job_id).toBe(VENDOR_EXAMPLE_JOB_ID);
    expect(checkSpecExamples(fixed).findings).toEqual([]);
  });
});

describe("Closient validators agree with the spec's constraints", () => {
  it('SHORTUUID_PATTERN is the spec pattern of every id (vendor and overlay)', () => {
    const pointers = [
      `${POLL}/parameters/0/schema/pattern`,
      `${POLL}/parameters/1/schema/pattern`,
      `${REQUEST}/parameters/0/schema/pattern`,
      '/components/schemas/OrgExportStatusOut/properties/job_id/pattern',
    ];
    for (const pointer of pointers) expect({ pointer, pattern: atPointer(openapiDocument, pointer) }).toEqual({ pointer, pattern: SHORTUUID_PATTERN.source });
    expect(SHORTUUID_PATTERN.flags).toBe('');
  });

  it('status and archive format lists are the spec enums', () => {
    expect([...closientExportStates]).toEqual(atPointer(openapiDocument, '/components/schemas/OrgExportStatusEnum/enum'));
    expect([...closientArchiveFormats]).toEqual(atPointer(openapiDocument, '/components/schemas/OrgExportArchiveFormatEnum/enum'));
  });
});
