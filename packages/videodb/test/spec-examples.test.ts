import { ValidationError } from '@exportkit/core';
import { atPointer, checkSpecExamples } from '@exportkit/testkit';
import { describe, expect, it } from 'vitest';
import { openapiDocument as published } from '@exportkit/videodb/openapi';
import { validateVideoDBCall, videoDBAsyncStates, videoDBRecordStates } from '../src/index.js';
import { openapiDocument } from '../src/generated/document.js';

describe('VideoDB spec examples', () => {
  const { examples, findings } = checkSpecExamples(openapiDocument);

  it('the package exports the overlaid document at @exportkit/videodb/openapi', () => {
    expect(published).toEqual(openapiDocument);
    expect(openapiDocument.openapi).toBe('3.0.3');
  });

  it('every example matches its schema (OpenAPI 3.0.3, ajv default draft)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.some((e) => e.pointer.includes('/oneOf/1/'))).toBe(true);
    expect(examples.some((e) => e.pointer.startsWith('/components/schemas/AsyncResponse/'))).toBe(true);
    expect(findings).toEqual([]);
  });

  it('every id example is one the client accepts as a path segment', () => {
    const ids = examples.filter((e) => /\/(id|download_id)\b|parameters\/0\/schema/.test(e.pointer)).map((e) => e.value);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      expect(() =>
        validateVideoDBCall({ method: 'GET', schemaPath: '/download/{download_id}', path: { download_id: id }, query: {}, body: undefined }),
      ).not.toThrow();
    }
  });
});

describe("VideoDB validators agree with the spec's constraints", () => {
  it('both status vocabularies are the spec lists', () => {
    expect([...videoDBAsyncStates]).toEqual(atPointer(openapiDocument, '/components/schemas/AsyncResponse/properties/status/enum'));
    expect([...videoDBRecordStates]).toEqual(atPointer(openapiDocument, '/components/schemas/DownloadRecord/properties/status/enum'));
    expect(videoDBAsyncStates).toContain('failed');
    expect(videoDBRecordStates).toContain('error');
  });

  it('list count bounds are the spec bounds', () => {
    const params = atPointer(openapiDocument, '/paths/~1download/get/parameters') as {
      name: string;
      schema: { minimum?: number; maximum?: number };
    }[];
    const count = params.find((p) => p.name === 'count')?.schema;
    expect(count).toEqual({ type: 'integer', minimum: 1, maximum: 5000 });
    const list = (n: number) => () =>
      validateVideoDBCall({ method: 'GET', schemaPath: '/download', path: {}, query: { count: n }, body: undefined });
    expect(list(count?.maximum ?? 0)).not.toThrow();
    expect(list(count?.minimum ?? 0)).not.toThrow();
    expect(list((count?.maximum ?? 0) + 1)).toThrow(ValidationError);
    expect(list((count?.minimum ?? 0) - 1)).toThrow(ValidationError);
  });
});
