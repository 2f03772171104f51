#!/usr/bin/env node
// Extracts the vendors' OpenAPI documents from their documentation pages.
//
// Each vendor page wraps its OpenAPI document in a four-backtick fenced block.
// A vendor publishes one document per endpoint page, so pages of the same
// vendor are merged (paths and components unioned) back into the single
// document the vendor serves, written in the format the vendor serves it in
// (Closient publishes JSON). Vendor text is never edited here: what a document
// lacks goes into specs/overlays/.
//
// Usage: node scripts/extract-specs.mjs [seedsDir]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, VENDORS } from './lib/vendors.mjs';

const seedsDir = resolve(process.argv[2] ?? join(REPO_ROOT, '../shared/seeds'));
const FENCE = /^````ya?ml[^\n]*\n([\s\S]*?)^````/m;

const pages = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(seedsDir, f), 'utf8').match(FENCE)?.[1])
  .filter((text) => text !== undefined)
  .map((text) => parse(text));

// Union of two pages of the same vendor document. Where both define the same
// key, both copied it from that one document, so the first is kept.
function merge(a, b) {
  const out = { ...a, paths: { ...b.paths, ...a.paths } };
  if (a.components || b.components) {
    out.components = { ...b.components, ...a.components };
    for (const key of Object.keys(out.components)) {
      out.components[key] = { ...b.components?.[key], ...a.components?.[key] };
    }
  }
  return out;
}

for (const [name, vendor] of Object.entries(VENDORS)) {
  const docs = pages.filter((doc) => doc.servers?.some((s) => vendor.pageHost.test(s.url)));
  if (docs.length === 0) throw new Error(`no seed page found for ${name}`);
  const doc = docs.reduce(merge);
  const text = vendor.spec.endsWith('.json') ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
  writeFileSync(join(REPO_ROOT, vendor.spec), text);
  console.log(`${vendor.spec}: ${Object.keys(doc.paths).length} path(s) from ${docs.length} page(s)`);
}
