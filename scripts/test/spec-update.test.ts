// pnpm spec:update on a copy of this repository (installed from the local
// pnpm store, so the rebuild is real): a Closient v2 that removes a response
// field is a major, one that adds an optional response field a minor; the
// stored document is v2 byte for byte; --dry-run and bad input write nothing.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeScratchRepo, REPO_ROOT, type ScratchRepo } from './scratch-repo.js';

const UPDATE = 'scripts/spec-update.mjs';
const STORED = readFileSync(join(REPO_ROOT, 'specs/closient.json'));
let repo: ScratchRepo;
/** The vendor's "new documents", outside the repository like a download would be. */
let inputs: string;

type Document = { components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[]; examples?: Record<string, unknown>[] }> } };

/** Closient's stored document, changed by `edit`, written the way Closient publishes it (2-space JSON). */
function closientV2(name: string, edit: (document: Document) => void): string {
  const document = JSON.parse(STORED.toString('utf8')) as Document;
  edit(document);
  const file = join(inputs, name);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

const removesFormatVersion = (document: Document) => {
  // `format_version`: the poller never reads it.
  const status = document.components.schemas.OrgExportStatusOut;
  delete status.properties.format_version;
  status.required = status.required?.filter((name) => name !== 'format_version');
  for (const example of status.examples ?? []) delete example.format_version;
};
const addsRegion = (document: Document) => {
  document.components.schemas.OrgExportStatusOut.properties.region = { type: 'string', title: 'Region', description: 'Where the archive is stored.' };
};

function newChangesets(): string[] {
  const before = new Set(readdirSync(join(REPO_ROOT, '.changeset')));
  return readdirSync(join(repo.dir, '.changeset')).filter((file) => !before.has(file));
}

function frontMatter(file: string): Record<string, string> {
  const text = readFileSync(join(repo.dir, '.changeset', file), 'utf8');
  return parse(text.split('---')[1]) as Record<string, string>;
}

beforeAll(() => {
  repo = makeScratchRepo({ install: true });
  inputs = mkdtempSync(join(tmpdir(), 'exportkit-spec-inputs-'));
}, 180_000);
afterAll(() => {
  repo?.close();
  if (inputs) rmSync(inputs, { recursive: true, force: true });
}, 120_000);
beforeEach(() => repo.reset());

// The two real runs rebuild Closient and its dependents (~30 s each on an idle 2-core machine).
describe('pnpm spec:update', { timeout: 300_000 }, () => {
  it('--dry-run prints the classified diff and the bump, and writes nothing', async () => {
    const v2 = closientV2('removed.json', removesFormatVersion);
    const result = await repo.node(UPDATE, ['closient', v2, '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/major +GET \/dashboard\/api\/v1\/data-export\/\{organization_id\}\/\{job_id\} response 200 \(application\/json\) field `format_version`: property removed/);
    expect(result.stdout).toContain('proposed bump from the spec diff: @exportkit/closient major');
    expect(repo.status()).toBe('');
  });

  it('--dry-run of a reformatted Omni document (YAML quoting only): no change, no release', async () => {
    const reformatted = join(inputs, 'omni.yaml');
    const omni = readFileSync(join(REPO_ROOT, 'specs/omni.yaml'), 'utf8');
    writeFileSync(reformatted, omni.replace(/^( +)"200":$/gm, "$1'200':"));
    expect(readFileSync(reformatted, 'utf8')).not.toBe(omni);
    const result = await repo.node(UPDATE, ['omni', reformatted, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('API changes (overlays applied), 0:');
    expect(result.stdout).toContain('proposed bump from the spec diff: @exportkit/omni none');
    expect(result.stdout).toContain('no changeset (no release needed)');
    expect(repo.status()).toBe('');
  });

  it('refuses bad input with one line, exit 1, and leaves specs/ untouched', async () => {
    const yaml = join(inputs, 'closient.yaml');
    writeFileSync(yaml, 'openapi: 3.1.0\ninfo: { title: Closient, version: "2" }\npaths: {}\n');
    const swagger = closientV2('swagger.json', (d) => Object.assign(d, { openapi: undefined, swagger: '2.0' }));
    const stale = closientV2('stale.json', (d) => delete (d.components.schemas as Record<string, unknown>).ErrorOut);
    const cases: [string[], RegExp][] = [
      [['acme', yaml], /^spec:update: unknown vendor "acme"; known: omni, videodb, closient$/],
      [['closient', yaml], /^spec:update: .*closient\.yaml is YAML but specs\/closient\.json is JSON: /],
      [['closient', swagger], /^spec:update: .*swagger\.json is not an OpenAPI 3\.x document \(swagger 2\.0\)$/],
      [['closient', join(repo.dir, 'no-such.json')], /^spec:update: cannot read .*no-such\.json: ENOENT$/],
      [['closient', stale], /^spec:update: specs\/overlays\/closient\.overlay\.yaml no longer applies to .*stale\.json: 1 action\(s\) match nothing: \$\.components\.schemas\.ErrorOut\.properties \(Source: Closient API docs\. The prose names retry_after_seconds/],
    ];
    for (const [args, message] of cases) {
      const result = await repo.node(UPDATE, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    }
    expect(repo.status()).toBe('');
    expect(readFileSync(join(repo.dir, 'specs/closient.json')).equals(STORED)).toBe(true);
  });

  it('reads a URL (a real server on 127.0.0.1), and names an unreachable one', async () => {
    const v2 = readFileSync(closientV2('added.json', addsRegion));
    const server: Server = createServer((_request, response) => response.end(v2));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await repo.node(UPDATE, ['closient', `http://127.0.0.1:${port}/openapi/openapi-dashboard.json`, '--dry-run']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('field `region`: property added  [new response property]');
      expect(result.stdout).toContain('proposed bump from the spec diff: @exportkit/closient minor');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The port is closed now: nothing listens there.
    const refused = await repo.node(UPDATE, ['closient', `http://127.0.0.1:${port}/openapi/openapi-dashboard.json`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd()).toBe(`spec:update: could not fetch http://127.0.0.1:${port}/openapi/openapi-dashboard.json: ECONNREFUSED`);
    expect(repo.status()).toBe('');
  });

  it('a removed response field: a major changeset, v2 stored byte for byte, the build passes, check:specs passes', async () => {
    const v2 = closientV2('removed.json', removesFormatVersion);
    const result = await repo.node(UPDATE, ['closient', v2]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'specs/closient.json')).equals(readFileSync(v2))).toBe(true);
    const changesets = newChangesets();
    expect(changesets).toHaveLength(1);
    expect(frontMatter(changesets[0]!)['@exportkit/closient']).toBe('major');
    expect(readFileSync(join(repo.dir, '.changeset', changesets[0]!), 'utf8')).toContain('field `format_version`: property removed');
    expect(readFileSync(join(repo.dir, 'packages/closient/api-report.api.md'), 'utf8')).not.toContain('format_version');
    expect(await repo.node('scripts/check-specs.mjs', [])).toMatchObject({ code: 0, stderr: '' });
  });

  it('an added optional response field: a minor changeset and the build passes', async () => {
    const v2 = closientV2('added.json', addsRegion);
    const result = await repo.node(UPDATE, ['closient', v2]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'specs/closient.json')).equals(readFileSync(v2))).toBe(true);
    const changesets = newChangesets();
    expect(changesets).toHaveLength(1);
    expect(frontMatter(changesets[0]!)['@exportkit/closient']).toBe('minor');
    expect(readFileSync(join(repo.dir, 'packages/closient/api-report.api.md'), 'utf8')).toContain('region?: string');
    expect(await repo.node('scripts/check-specs.mjs', [])).toMatchObject({ code: 0, stderr: '' });
  });
});
