// The generated-client rules of specs/README.md, one case per row, on the
// real overlaid documents with one edit each.
import { beforeAll, describe, expect, it } from 'vitest';
import { overlaidDocument } from '../lib/apply-overlay.mjs';
import { classifyChanges } from '../spec-diff/classify-changes.mjs';

type Json = Record<string, any>;
interface Change { bump: string; where: string; what: string; rule: string }

const POLL = '/dashboard/api/v1/data-export/{organization_id}/{job_id}';
const REQUEST = '/dashboard/api/v1/data-export/{organization_id}';
const OMNI_START = '/v1/dashboards/{dashboardId}/download';
const docs: Record<string, Json> = {};

beforeAll(async () => {
  for (const vendor of ['closient', 'omni', 'videodb']) docs[vendor] = await overlaidDocument(vendor);
});

/** The bump and rules of one edit (applied to a copy of the vendor's overlaid document; `prepare` edits both sides). */
function classify(vendor: string, edit: (d: Json) => void, prepare?: (d: Json) => void): { bump: string; rules: string[]; changes: Change[] } {
  const before = structuredClone(docs[vendor]!);
  prepare?.(before);
  const after = structuredClone(before);
  edit(after);
  const { bump, changes } = classifyChanges(before, after) as { bump: string; changes: Change[] };
  return { bump, rules: [...new Set(changes.map((c) => c.rule))], changes };
}

const status = (d: Json) => d.components.schemas.OrgExportStatusOut;
const omniBody = (d: Json) => d.paths[OMNI_START].post.requestBody.content['application/json'].schema;
const inlineArchiveParameter = (d: Json) => {
  const parameter = d.paths[REQUEST].post.parameters.find((p: Json) => p.name === 'archive_format');
  parameter.schema = { type: 'string', enum: ['zip', 'tar.gz'], default: 'zip' };
  return parameter;
};

describe('classifyChanges (generated TypeScript client rules)', () => {
  it.each([
    ['operation removed', 'closient', (d: Json) => delete d.paths[POLL], 'major', 'removed operation'],
    ['response property removed', 'closient', (d: Json) => { delete status(d).properties.format_version; status(d).required = status(d).required.filter((n: string) => n !== 'format_version'); }, 'major', 'removed response property'],
    ['response property no longer required', 'closient', (d: Json) => { status(d).required = status(d).required.filter((n: string) => n !== 'file_size_bytes'); }, 'major', 'response property becomes optional'],
    ['response enum value added', 'closient', (d: Json) => d.components.schemas.OrgExportStatusEnum.enum.push('cancelled'), 'major', 'response enum value added (breaks exhaustive switches)'],
    ['enum value removed', 'closient', (d: Json) => d.components.schemas.OrgExportArchiveFormatEnum.enum.pop(), 'major', 'response enum value removed (`case` on it stops compiling)'],
    ['response oneOf branch added', 'videodb', (d: Json) => d.paths['/download/{download_id}'].get.responses['200'].content['application/json'].schema.oneOf.push({ type: 'object', properties: { queued: { type: 'boolean' } } }), 'major', 'response union gains a member (breaks exhaustive switches)'],
    ['request parameter becomes required', 'closient', (d: Json) => { d.paths[REQUEST].post.parameters.find((p: Json) => p.name === 'archive_format').required = true; }, 'major', 'request parameter becomes required'],
    ['new required parameter', 'closient', (d: Json) => d.paths[REQUEST].post.parameters.push({ in: 'query', name: 'since', required: true, schema: { type: 'string' } }), 'major', 'new required parameter'],
    ['parameter removed', 'closient', (d: Json) => { d.paths[REQUEST].post.parameters = d.paths[REQUEST].post.parameters.filter((p: Json) => p.name !== 'archive_format'); }, 'major', 'removed parameter'],
    ['request property becomes required', 'omni', (d: Json) => omniBody(d).required.push('showContentLink'), 'major', 'request property becomes required'],
    ['response value becomes nullable (3.0)', 'videodb', (d: Json) => { d.paths['/download/{download_id}'].get.responses['200'].content['application/json'].schema.oneOf[1].properties.data.properties.download_url.nullable = true; }, 'major', 'response value becomes nullable (readers must handle null)'],
    ['type changed', 'closient', (d: Json) => { status(d).properties.file_size_bytes.type = 'string'; }, 'major', 'changed type'],
    ['component renamed', 'closient', (d: Json) => { d.components.schemas.OrgExportSection = d.components.schemas.OrgExportSectionOut; delete d.components.schemas.OrgExportSectionOut; status(d).properties.sections.items.$ref = '#/components/schemas/OrgExportSection'; }, 'major', 'renamed component (the exported type name changes)'],
    ['operationId renamed', 'closient', (d: Json) => { d.paths[POLL].get.operationId = 'get_export'; }, 'major', 'renamed operationId (the generated `operations` key changes)'],
    ['new optional parameter', 'closient', (d: Json) => d.paths[REQUEST].post.parameters.push({ in: 'query', name: 'since', schema: { type: 'string' } }), 'minor', 'new optional parameter'],
    ['request requirement relaxed', 'omni', (d: Json) => { omniBody(d).required = []; }, 'minor', 'request requirement relaxed'],
    ['new optional request property', 'omni', (d: Json) => { omniBody(d).properties.locale = { type: 'string' }; }, 'minor', 'new optional request property (a required one is a separate change)'],
    ['new response property', 'closient', (d: Json) => { status(d).properties.region = { type: 'string' }; }, 'minor', 'new response property'],
    ['new operation', 'closient', (d: Json) => { d.paths[POLL].delete = { operationId: 'cancel_export', responses: { '204': { description: 'Cancelled.' } } }; }, 'minor', 'new operation'],
    ['deprecation', 'closient', (d: Json) => { d.paths[REQUEST].post.deprecated = true; }, 'minor', 'deprecation'],
    ['response property becomes required', 'closient', (d: Json) => status(d).required.push('output_filename'), 'patch', 'response property becomes required (narrower, compatible)'],
    ['description only', 'closient', (d: Json) => { status(d).description = 'The status of an export job.'; }, 'patch', 'descriptions and examples only'],
  ])('%s (%s)', (_name, vendor, edit, bump, rule) => {
    const result = classify(vendor, edit);
    expect(result.bump).toBe(bump);
    expect(result.rules).toContain(rule);
  });

  it('a request enum value added is minor; the same enum in a response is major', () => {
    const request = classify('closient', (d) => inlineArchiveParameter(d).schema.enum.push('7z'), inlineArchiveParameter);
    expect(request).toMatchObject({ bump: 'minor', rules: ['request enum value added'] });
    const shared = classify('closient', (d) => d.components.schemas.OrgExportArchiveFormatEnum.enum.push('7z'));
    expect(shared.bump).toBe('major');
    expect(shared.changes.map((c) => c.rule)).toEqual(expect.arrayContaining(['request enum value added', 'response enum value added (breaks exhaustive switches)']));
  });

  it('a response enum the overlay marks open gains a value: minor', () => {
    const open = (d: Json) => { d.components.schemas.OrgExportStatusEnum['x-exportkit-open-enum'] = true; };
    const result = classify('closient', (d) => d.components.schemas.OrgExportStatusEnum.enum.push('cancelled'), open);
    expect(result.bump).toBe('minor');
    expect(result.rules).toEqual(['response enum value added, enum marked x-exportkit-open-enum']);
  });

  it('the same document re-serialised: no change, no release', () => {
    const result = classify('closient', (d) => Object.assign(d, JSON.parse(JSON.stringify(d, null, 4))));
    expect(result).toEqual({ bump: 'none', rules: [], changes: [] });
  });

  it('names where a change sits: operation, response, field', () => {
    const { changes } = classify('closient', (d) => { delete status(d).properties.expires_at; });
    expect(changes.map((c) => `${c.bump} ${c.where}: ${c.what}`)).toEqual([
      `major GET ${POLL} response 200 (application/json) field \`expires_at\`: property removed`,
      `major POST ${REQUEST} response 200 (application/json) field \`expires_at\`: property removed`,
    ]);
  });
});
