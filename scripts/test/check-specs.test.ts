// pnpm check:specs on a copy of this repository: it passes as committed, and
// fails on a commit that edits a spec, an overlay or the public types without
// the changeset that releases them.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeScratchRepo, type ScratchRepo } from './scratch-repo.js';

const CHECK = 'scripts/check-specs.mjs';
let repo: ScratchRepo;

beforeAll(() => {
  repo = makeScratchRepo({ distOf: ['omni', 'videodb', 'closient'] });
}, 60_000);
afterAll(() => repo?.close(), 60_000);
beforeEach(() => repo.reset());

function commitAll(message: string) {
  repo.git('add', '-A');
  repo.git('commit', '-qm', message);
}

// Each case runs the scripts a few times (about a second each on an idle machine).
describe('pnpm check:specs', { timeout: 120_000 }, () => {
  it('passes on the repository as committed', async () => {
    const result = await repo.node(CHECK, []);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('match specs/specs.lock.json');
  });

  it('fails on a commit that edits a spec without spec:update and its changeset', async () => {
    const spec = join(repo.dir, 'specs/closient.json');
    const document = JSON.parse(readFileSync(spec, 'utf8'));
    delete document.components.schemas.OrgExportStatusOut.properties.error;
    writeFileSync(spec, `${JSON.stringify(document, null, 2)}\n`);
    commitAll('closient: drop error (no changeset)');
    const result = await repo.node(CHECK, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^check:specs: specs\/closient\.json changed but specs\/specs\.lock\.json does not record it: .*pnpm spec:update closient/m);
  });

  it('fails when the lock is refreshed but no changeset names the package, and passes once one does', async () => {
    appendFileSync(join(repo.dir, 'specs/omni.yaml'), '# a comment the vendor added\n');
    expect((await repo.node('scripts/specs-lock.mjs', [])).code).toBe(0);
    commitAll('omni: refresh the lock by hand, no changeset');
    const refused = await repo.node(CHECK, []);
    expect(refused.code).toBe(1);
    // initial-release.md names @exportkit/omni too, but it was pending before this change: it does not count.
    expect(refused.stderr).toContain('specs/omni.yaml changed since @exportkit/omni@0.1.0 but no changeset in .changeset/ written since names @exportkit/omni (initial-release.md');

    writeFileSync(join(repo.dir, '.changeset/omni-comment.md'), '---\n"@exportkit/omni": patch\n---\n\nThe vendor document gained a comment.\n');
    commitAll('omni: the changeset');
    expect((await repo.node(CHECK, [])).code).toBe(0);
  });

  it('fails on an overlay edit without a changeset', async () => {
    appendFileSync(join(repo.dir, 'specs/overlays/videodb.overlay.yaml'), '# reviewed\n');
    commitAll('videodb overlay edit');
    const result = await repo.node(CHECK, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('specs/overlays/videodb.overlay.yaml changed since specs/specs.lock.json: add a changeset for @exportkit/videodb');
  });

  it('fails when the public types change without a changeset, and when the changeset says patch', async () => {
    // What a generator or hand-written change to the package's exports does to dist/.
    const types = join(repo.dir, 'packages/closient/dist/types.d.ts');
    const original = readFileSync(types, 'utf8');
    try {
      writeFileSync(types, `${original}\nexport type ClosientRegion = 'eu' | 'us';\n`);
      const stale = await repo.node(CHECK, []);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain('the built public types of @exportkit/closient differ from packages/closient/api-report.api.md');

      expect((await repo.node('scripts/specs-lock.mjs', [])).code).toBe(0);
      const unreleased = await repo.node(CHECK, []);
      expect(unreleased.code).toBe(1);
      expect(unreleased.stderr).toContain('the public types (packages/closient/api-report.api.md) changed since @exportkit/closient@0.1.0 but no changeset in .changeset/ written since');

      writeFileSync(join(repo.dir, '.changeset/region.md'), '---\n"@exportkit/closient": patch\n---\n\nA region type.\n');
      const patch = await repo.node(CHECK, []);
      expect(patch.code).toBe(1);
      expect(patch.stderr).toContain("the public types of @exportkit/closient changed but its changesets (region.md) say patch: a type change is at least minor");

      writeFileSync(join(repo.dir, '.changeset/region.md'), '---\n"@exportkit/closient": minor\n---\n\nA region type.\n');
      expect((await repo.node(CHECK, [])).code).toBe(0);
    } finally {
      writeFileSync(types, original);
    }
  });

  it('accepts a patch for a type change only where spec:update recorded the patch rule for exactly those types', async () => {
    // A response property that becomes required: `output_filename?:` -> `output_filename:` (the patch rule).
    const schema = join(repo.dir, 'packages/closient/dist/generated/schema.d.ts');
    const original = readFileSync(schema, 'utf8');
    try {
      writeFileSync(schema, original.replace('output_filename?: string | null;', 'output_filename: string | null;'));
      expect((await repo.node('scripts/specs-lock.mjs', [])).code).toBe(0);
      writeFileSync(join(repo.dir, '.changeset/filename.md'), '---\n"@exportkit/closient": patch\n---\n\noutput_filename is always sent.\n');
      const unrecorded = await repo.node(CHECK, []);
      expect(unrecorded.code).toBe(1);
      expect(unrecorded.stderr).toContain('say patch: a type change is at least minor');

      const lockFile = join(repo.dir, 'specs/specs.lock.json');
      const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
      const entry = lock.vendors.closient;
      entry.patchJudgedTypes = { apiReport: entry.inputs.apiReport, reason: 'response property becomes required (narrower, compatible)' };
      writeFileSync(lockFile, JSON.stringify(lock, null, 2));
      expect(await repo.node(CHECK, [])).toMatchObject({ code: 0, stderr: '' });

      // Any further type change is no longer the recorded one.
      entry.patchJudgedTypes.apiReport = entry.baseline.apiReport.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
      writeFileSync(lockFile, JSON.stringify(lock, null, 2));
      expect((await repo.node(CHECK, [])).code).toBe(1);
    } finally {
      writeFileSync(schema, original);
    }
  });
});
