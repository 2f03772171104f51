#!/usr/bin/env node
// Generates a vendor package's types from its spec + overlay.
// Run from the package folder: `node ../../scripts/generate-client.mjs omni`.
// Writes into src/generated/ (git-ignored; never edited by hand):
//   schema.ts   - openapi-typescript `paths`/`components` types
//   document.ts - the overlaid OpenAPI document, for validators and the sandbox
//   package.ts  - the package's name and version, for the User-Agent
//   facts.ts    - the overlay's x-exportkit-* facts (quotas, retry safety, status words)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { overlaidDocument } from './lib/apply-overlay.mjs';
import { renderVendorFacts, vendorFacts } from './lib/vendor-facts.mjs';

const vendorName = process.argv[2];
const outDir = join(process.cwd(), 'src/generated');
const document = await overlaidDocument(vendorName);
// Checked before anything is written: a wrong fact stops the build.
const facts = vendorFacts(vendorName, document);

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

const ast = await openapiTS(document, {
  // An untyped `type: object` (Omni's filterConfig) may hold anything;
  // the default would make it Record<string, never> and reject every value.
  emptyObjectsUnknown: true,
  // A `default` is what the server assumes when a field is absent; it does not
  // promise to send the field back (Closient's ErrorOut.retryable), so keep such
  // fields optional in responses.
  defaultNonNullable: false,
  // Readable top-level aliases (SchemaOrgExportStatusOut, ...).
  rootTypes: true,
  // Runtime arrays of each enum's values, so validators use the spec's own lists.
  enumValues: true,
  // A binary body is bytes, not a string.
  transform(schema) {
    if (schema.format === 'binary') return BLOB;
    return undefined;
  },
});

const header = `// Generated from specs/ by scripts/generate-client.mjs (${vendorName}). Do not edit.\n`;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'schema.ts'), header + astToString(ast));
writeFileSync(
  join(outDir, 'document.ts'),
  `${header}// The ${vendorName} OpenAPI document with exportkit's overlay applied.\n` +
    `export const openapiDocument: Record<string, unknown> = ${JSON.stringify(document, null, 2)};\n`,
);
const { name, version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
writeFileSync(
  join(outDir, 'package.ts'),
  `${header}export const PACKAGE_NAME = ${JSON.stringify(name)};\nexport const PACKAGE_VERSION = ${JSON.stringify(version)};\n`,
);
writeFileSync(join(outDir, 'facts.ts'), renderVendorFacts(header, vendorName, facts));
console.log(`${vendorName}: generated src/generated/schema.ts, document.ts, package.ts and facts.ts`);
