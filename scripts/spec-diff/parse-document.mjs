// Parses a vendor document and proves it is what spec:update may store: an
// OpenAPI 3.x document in the same format (JSON or YAML) as the stored one.
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SpecError } from './spec-error.mjs';

/** 'json' or 'yaml', from the stored file's name. */
export function formatOfFile(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new SpecError(`${path}: unknown document format ${ext}`);
}

// JSON is also YAML, so JSON is tried first: a document that parses as JSON is JSON.
function parseText(text, label) {
  try {
    return { format: 'json', document: JSON.parse(text) };
  } catch {
    // not JSON; YAML below
  }
  try {
    return { format: 'yaml', document: parseYaml(text) };
  } catch (error) {
    throw new SpecError(`${label} is neither JSON nor YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`);
  }
}

/** The parsed document; throws a one-line SpecError unless it is OpenAPI 3.x in `expectedFormat`. */
export function parseOpenApi(bytes, { label, expectedFormat, storedPath }) {
  // A byte-order mark is kept in the stored bytes but is not part of the text.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new SpecError(`${label} is empty`);
  const { format, document } = parseText(text, label);
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecError(`${label} is not an OpenAPI document (not an object)`);
  }
  const version = document.openapi;
  if (typeof version !== 'string' || !/^3\.\d+\.\d+$/.test(version)) {
    const found = version ?? (document.swagger ? `swagger ${document.swagger}` : 'no "openapi" field');
    throw new SpecError(`${label} is not an OpenAPI 3.x document (${found})`);
  }
  if (typeof document.paths !== 'object' || document.paths === null) {
    throw new SpecError(`${label} has no "paths" object`);
  }
  if (format !== expectedFormat) {
    throw new SpecError(`${label} is ${format.toUpperCase()} but ${storedPath} is ${expectedFormat.toUpperCase()}: store the vendor's document in the format it publishes`);
  }
  return document;
}
