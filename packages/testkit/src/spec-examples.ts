import type { ErrorObject } from 'ajv';
import AjvModule from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// CommonJS packages: under NodeNext the default import is `module.exports`,
// whose `default` is the class (or plugin), both for tsc and at run time.
const Ajv = AjvModule.default;
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** One example found in an OpenAPI document, with the schema it illustrates. */
export interface SpecExample {
  /** JSON pointer of the example value, e.g. `/components/schemas/Error/properties/error/example`. */
  pointer: string;
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string;
  value: unknown;
}

export interface ExampleFinding {
  pointer: string;
  errors: Pick<ErrorObject, 'instancePath' | 'keyword' | 'message'>[];
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Keys whose value is a schema, and keys whose value is a map or list of schemas. */
const SCHEMA_KEYS = new Set(['schema', 'items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'anyOf', 'oneOf', 'allOf', 'prefixItems', 'patternProperties', '$defs']);

/**
 * Collects every example in an OpenAPI document: media-type and parameter
 * `example`/`examples` (a map of `{ value }`), and schema `example` (3.0) or
 * `examples` (3.1, an array). The walk is bounded by the document's size.
 */
export function collectExamples(document: unknown): SpecExample[] {
  const found: SpecExample[] = [];
  const visit = (node: unknown, pointer: string, inSchema: boolean): void => {
    if (!isNode(node)) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${pointer}/${index}`, false));
      return;
    }
    if (!inSchema && isNode(node.schema)) {
      // A media type or a parameter: its examples illustrate its schema.
      const schemaPointer = `${pointer}/schema`;
      if ('example' in node) found.push({ pointer: `${pointer}/example`, schemaPointer, value: node.example });
      if (isNode(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          if (isNode(example) && 'value' in example) {
            found.push({ pointer: `${pointer}/examples/${escape(name)}/value`, schemaPointer, value: example.value });
          }
        }
      }
    }
    if (inSchema) {
      if ('example' in node) found.push({ pointer: `${pointer}/example`, schemaPointer: pointer, value: node.example });
      if (Array.isArray(node.examples)) {
        node.examples.forEach((value, index) =>
          found.push({ pointer: `${pointer}/examples/${index}`, schemaPointer: pointer, value }),
        );
      }
    }
    for (const [key, child] of Object.entries(node)) {
      const childPointer = `${pointer}/${escape(key)}`;
      if (key === 'example' || key === 'examples') continue;
      if (SCHEMA_KEYS.has(key)) visit(child, childPointer, true);
      else if (SCHEMA_MAP_KEYS.has(key) && inSchema) {
        for (const [name, schema] of Object.entries(child as Node)) visit(schema, `${childPointer}/${escape(name)}`, true);
      } else if (key === 'schemas' && pointer === '/components') {
        for (const [name, schema] of Object.entries(child as Node)) visit(schema, `${childPointer}/${escape(name)}`, true);
      } else visit(child, childPointer, false);
    }
  };
  visit(document, '', false);
  return found;
}

const DOCUMENT_ID = 'urn:exportkit:document';

/**
 * Validates every example of an OpenAPI document against its schema with ajv:
 * JSON Schema 2020-12 for OpenAPI 3.1, ajv's default draft for 3.0. Returns
 * the examples checked and the ones that failed.
 */
export function checkSpecExamples(document: Record<string, unknown>): {
  examples: SpecExample[];
  findings: ExampleFinding[];
} {
  const is31 = String(document.openapi).startsWith('3.1');
  const ajv = is31 ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Vendor formats JSON Schema does not define: their real rules are in `pattern`/`type`.
  ajv.addFormat('shortuuid', true);
  ajv.addFormat('binary', true);
  ajv.addSchema(document, DOCUMENT_ID, undefined, false);

  const examples = collectExamples(document);
  const findings: ExampleFinding[] = [];
  for (const example of examples) {
    const fragment = example.schemaPointer.split('/').map(encodeURIComponent).join('/');
    const validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` });
    if (!validate(example.value)) {
      findings.push({
        pointer: example.pointer,
        errors: (validate.errors ?? []).map(({ instancePath, keyword, message }) => ({ instancePath, keyword, message })),
      });
    }
  }
  return { examples, findings };
}

/** Reads the value at a JSON pointer of a document. */
export function atPointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isNode(node) ? (node as Node)[key] : undefined;
  }
  return node;
}
