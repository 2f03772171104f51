import { openapiDocument as closientDocument } from '@exportkit/closient/openapi';
import { openapiDocument as omniDocument } from '@exportkit/omni/openapi';
import { openapiDocument as videodbDocument } from '@exportkit/videodb/openapi';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Vendor } from '../../src/index.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const DOCUMENTS: Record<Vendor, Json> = { omni: omniDocument, videodb: videodbDocument, closient: closientDocument };
const API_ROOTS: Record<Vendor, string> = { omni: '/omni/api', videodb: '/videodb', closient: '/closient' };

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function resolve(document: Json, ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, segment) => (node as Json)[segment.replace(/~1/g, '/').replace(/~0/g, '~')], document) as Json;
}

function templateMatches(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

export interface ResponseToCheck {
  vendor: Vendor;
  method: string;
  /** The request path on the main origin, e.g. `/omni/api/v1/dashboards/x/download`. */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** Validates response bodies against the spec + overlay of each vendor, with Ajv (JSON Schema 2020-12). */
export class SpecValidator {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });

  constructor() {
    addFormats(this.#ajv);
    this.#ajv.addFormat('shortuuid', /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{22}$/);
    // Strict JSON Schema, oneOf included: VideoDB's status oneOf is made exclusive by its overlay.
    for (const [vendor, document] of Object.entries(DOCUMENTS)) this.#ajv.addSchema(document, vendor);
  }

  /** Returns the problems (empty when the body is what the spec documents for that response). */
  check({ vendor, method, path, status, contentType, body }: ResponseToCheck): string[] {
    const document = DOCUMENTS[vendor];
    const specPath = path.slice(API_ROOTS[vendor].length);
    const paths = document.paths as Record<string, Json>;
    const template = Object.keys(paths).find((candidate) => templateMatches(candidate, specPath) && paths[candidate]?.[method.toLowerCase()]);
    if (!template) return [`${method} ${specPath} is not in the ${vendor} spec`];
    const responses = (paths[template]?.[method.toLowerCase()] as Json).responses as Json;
    // The exact status, then its range (`4XX`), then `default`, as OpenAPI resolves them.
    const key = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((candidate) => candidate in responses);
    if (!key) return [`${method} ${template} does not document status ${status}`];
    let pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${key}`;
    let response = responses[key] as Json;
    if (typeof response.$ref === 'string') {
      pointer = response.$ref;
      response = resolve(document, response.$ref);
    }
    const media = Object.keys((response.content as Json | undefined) ?? {}).find((type) => contentType.startsWith(type));
    if (!media) return [`${method} ${template} ${status}: no schema for content type "${contentType}"`];
    const validate = this.#ajv.getSchema(`${vendor}${pointer}/content/${escapePointer(media)}/schema`);
    if (!validate) return [`no compiled schema at ${pointer}`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${method} ${template} ${status}: ${error.instancePath} ${error.message}`);
  }
}
