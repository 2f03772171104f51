import { describe, expect, it } from 'vitest';
import { atPointer, checkSpecExamples, collectExamples } from '../src/index.js';

const document = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string', pattern: '^[a-z]+$' }, example: 'abc' }],
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Thing' },
                examples: { good: { value: { n: 1 } }, bad: { value: { n: 'one' } } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { n: { type: 'integer', example: 2.5 } },
        examples: [{ n: 3 }],
      },
    },
  },
};

describe('checkSpecExamples (the checker the vendor example tests rely on)', () => {
  it('collects parameter, media-type and schema examples with their schemas', () => {
    const found = collectExamples(document).map((e) => [e.pointer, e.schemaPointer]);
    expect(found).toEqual([
      ['/paths/~1things~1{id}/get/parameters/0/example', '/paths/~1things~1{id}/get/parameters/0/schema'],
      [
        '/paths/~1things~1{id}/get/responses/200/content/application~1json/examples/good/value',
        '/paths/~1things~1{id}/get/responses/200/content/application~1json/schema',
      ],
      [
        '/paths/~1things~1{id}/get/responses/200/content/application~1json/examples/bad/value',
        '/paths/~1things~1{id}/get/responses/200/content/application~1json/schema',
      ],
      ['/components/schemas/Thing/examples/0', '/components/schemas/Thing'],
      ['/components/schemas/Thing/properties/n/example', '/components/schemas/Thing/properties/n'],
    ]);
  });

  it('reports exactly the examples that break their schema, through $ref', () => {
    const { findings } = checkSpecExamples(document);
    expect(findings.map((f) => [f.pointer, f.errors.map((e) => `${e.instancePath} ${e.keyword}`)])).toEqual([
      ['/paths/~1things~1{id}/get/responses/200/content/application~1json/examples/bad/value', ['/n type']],
      ['/components/schemas/Thing/properties/n/example', [' type']],
    ]);
  });

  it('reads values back by pointer', () => {
    expect(atPointer(document, '/paths/~1things~1{id}/get/parameters/0/example')).toBe('abc');
    expect(atPointer(document, '/nope/x')).toBeUndefined();
  });
});
