import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordingServer, startRecordingServer } from '@exportkit/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonResult, runCli } from './support/run-cli.js';

// Every refusal must happen before any request: the recording server stands
// in for the vendor and must see nothing.
const KEY = 'refusal-test-key-0123456789';
const ORG = '23456789ABCDEFGHJKLMNP';
const OTHER_ORG = 'QRSTUVWXYZabcdefghijkm';
/** A resume token as an interrupted run prints it (base64url JSON of the job's toJSON()). */
const token = (fields: Record<string, string>) => Buffer.from(JSON.stringify({ version: 1, ...fields })).toString('base64url');
let server: RecordingServer;
let out: string;

beforeAll(async () => {
  server = await startRecordingServer();
  out = await mkdtemp(join(tmpdir(), 'exportkit-cli-refusals-'));
});
afterAll(async () => {
  await server.close();
  await rm(out, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const cases: { name: string; args: string[]; env?: Record<string, string>; says: RegExp }[] = [
  { name: 'a missing Omni key', args: ['omni', 'dash-1'], says: /OMNI_API_KEY/ },
  { name: 'a missing VideoDB key', args: ['videodb', 'https://example.com/v.m3u8'], says: /VIDEODB_API_KEY/ },
  { name: 'a missing Closient key', args: ['closient', ORG], says: /CLOSIENT_API_KEY/ },
  { name: 'a malformed Closient organization id', args: ['closient', 'not-an-org', '--api-key', KEY], says: /organization_id.*shortuuid/ },
  { name: 'a stream link that is not a URL', args: ['videodb', 'not a url', '--api-key', KEY], says: /stream_link/ },
  { name: 'a stream link and --id together', args: ['videodb', 'https://e.com/v', '--id', 'd1', '--api-key', KEY], says: /not both/ },
  { name: 'neither a stream link nor --id', args: ['videodb', '--api-key', KEY], says: /--id/ },
  { name: '--name with --id', args: ['videodb', '--id', 'd1', '--name', 'x', '--api-key', KEY], says: /--name/ },
  { name: 'a PDF option on a CSV', args: ['omni', 'd1', '--format', 'csv', '--paper-format', 'a4', '--api-key', KEY], says: /paperFormat.*pdf, png/ },
  { name: 'json without a tile', args: ['omni', 'd1', '--format', 'json', '--api-key', KEY], says: /queryIdentifierMapKey/ },
  { name: 'an unknown format', args: ['omni', 'd1', '--format', 'docx', '--api-key', KEY], says: /pdf, png, csv, xlsx, json/ },
  { name: '--instance with --base-url', args: ['omni', 'd1', '--instance', 'acme', '--api-key', KEY], says: /--instance and --base-url/ },
  { name: 'a negative timeout', args: ['closient', ORG, '--timeout', '-1', '--api-key', KEY], says: /--timeout/ },
  { name: 'a resume token that is not one', args: ['closient', ORG, '--resume', 'garbage!', '--api-key', KEY], says: /token/ },
  { name: 'a token of another vendor', args: ['omni', 'd1', '--resume', token({ vendor: 'closient', jobId: ORG, organizationId: ORG }), '--api-key', KEY], says: /exportkit closient/ },
  { name: 'a token of another organization', args: ['closient', ORG, '--resume', token({ vendor: 'closient', jobId: ORG, organizationId: OTHER_ORG }), '--api-key', KEY], says: /organizationId/ },
  { name: 'an unknown flag', args: ['closient', ORG, '--frobnicate', '--api-key', KEY], says: /unknown option/ },
];

describe('refusals (exit 2, nothing sent)', () => {
  for (const refusal of cases) {
    it(`refuses ${refusal.name}`, async () => {
      const vendor = refusal.args[0];
      const base = vendor === 'omni' ? `${server.url}/api` : server.url;
      const run = await runCli([...refusal.args, '--base-url', base, '--out', out, '--json'], { env: refusal.env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(refusal.says);
      expect(jsonResult(run)).toMatchObject({ vendor, jobId: null, status: 'not_started', error: { code: 'validation_error' } });
      expect(server.requests).toHaveLength(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('asks for an Omni server when neither --instance nor --base-url is given', async () => {
    const run = await runCli(['omni', 'd1', '--out', out], { env: { OMNI_API_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--instance.*--base-url/);
    expect(run.stderr).not.toContain(KEY);
  });

  it('shows usage with exit 2 when no command is given', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: exportkit/);
  });

  it('prints help and the exit codes with exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/omni.*\n.*videodb|videodb/s);
    expect(run.stdout).toContain('130');
  });
});
