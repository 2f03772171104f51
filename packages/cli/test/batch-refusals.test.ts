import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordingServer, startRecordingServer } from '@exportkit/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { organizationId } from './support/batch-manifest.js';
import { runCli } from './support/run-cli.js';

// A bad manifest is refused whole, before the first request: the recording
// server stands in for every vendor and must see nothing.
const KEY = 'batch-refusal-key-0123456789';
const KEYS = { OMNI_API_KEY: KEY, VIDEODB_API_KEY: KEY, CLOSIENT_API_KEY: KEY };
const ORG = organizationId(1);
let server: RecordingServer;
let dir: string;

beforeAll(async () => {
  server = await startRecordingServer();
  dir = await mkdtemp(join(tmpdir(), 'exportkit-cli-batch-refusals-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const closient = (fields: Record<string, string> = {}) => JSON.stringify({ vendor: 'closient', organizationId: ORG, ...fields });

const cases: { name: string; file: string; text: string; env?: Record<string, string>; says: RegExp }[] = [
  { name: 'a line that is not JSON', file: 'm.jsonl', text: `${closient()}\n{"vendor":`, says: /m\.jsonl line 2: \(line\): is not valid JSON/ },
  { name: 'a missing vendor', file: 'm.jsonl', text: '{"organizationId":"x"}', says: /line 1: vendor: is missing/ },
  { name: 'an unknown vendor', file: 'm.jsonl', text: '{"vendor":"dropbox"}', says: /line 1: vendor: must be one of omni, videodb, closient/ },
  { name: 'a field of another vendor', file: 'm.jsonl', text: closient({ format: 'pdf' }), says: /line 1: format: is not a field of a closient export/ },
  { name: 'a malformed organization id', file: 'm.jsonl', text: `${closient()}\n${closient({ organizationId: 'nope' })}`, says: /line 2: organizationId: must be a 22-character shortuuid/ },
  { name: 'an archive format Closient lacks', file: 'm.jsonl', text: closient({ archiveFormat: 'rar' }), says: /line 1: archiveFormat: must be one of zip, tar\.gz/ },
  { name: 'a PDF option on a CSV', file: 'm.jsonl', text: '{"vendor":"omni","dashboardId":"d","format":"csv","paperFormat":"a4"}', says: /line 1: paperFormat: .*pdf, png/ },
  { name: 'a stream link and an id', file: 'm.jsonl', text: '{"vendor":"videodb","streamLink":"https://e.com/v","id":"d1"}', says: /line 1: id: .*not both/ },
  { name: 'a folder outside --out', file: 'm.jsonl', text: closient({ out: '../elsewhere' }), says: /line 1: out: must be a folder inside --out/ },
  { name: 'the same export twice', file: 'm.jsonl', text: `${closient()}\n${closient()}`, says: /line 2: \(line\): repeats the export of line 1/ },
  { name: 'two lines saving one file', file: 'm.jsonl', text: `${closient({ saveAs: 'a.zip' })}\n${closient({ organizationId: organizationId(2), saveAs: 'a.zip' })}`, says: /line 2: saveAs: writes the same file as line 1/ },
  { name: 'a CSV row with a bad format', file: 'm.csv', text: 'vendor,dashboardId,format\nomni,d1,pdf\nomni,d2,docx\n', says: /m\.csv line 3: format: must be one of/ },
  { name: 'a CSV row of the wrong width', file: 'm.csv', text: 'vendor,organizationId\nclosient,a,b\n', says: /m\.csv line 2/ },
  { name: 'a manifest of another kind', file: 'm.txt', text: closient(), says: /\.jsonl .*\.csv/ },
  { name: 'an empty manifest', file: 'm.jsonl', text: '\n# nothing\n', says: /lists no exports/ },
  { name: 'a missing key', file: 'm.jsonl', text: closient(), env: { CLOSIENT_API_KEY: '' }, says: /closient exports need a key: set CLOSIENT_API_KEY/ },
  { name: 'Omni lines without a server', file: 'm.jsonl', text: '{"vendor":"omni","dashboardId":"d"}', env: { OMNI_API_KEY: KEY }, says: /--instance .*--base-url omni=/ },
];

describe('batch refusals (exit 2, nothing sent)', () => {
  for (const refusal of cases) {
    it(`refuses ${refusal.name}`, async () => {
      const manifest = join(dir, refusal.file);
      await writeFile(manifest, refusal.text);
      const out = join(dir, 'out');
      // Omni lines get no --base-url in the last case, to show the server is required.
      const servers = refusal.name.startsWith('Omni') ? [] : ['--base-url', `omni=${server.url}/api`];
      const run = await runCli(['batch', manifest, '--out', out, '--base-url', `closient=${server.url}`, '--base-url', `videodb=${server.url}`, ...servers], {
        env: { ...KEYS, ...refusal.env },
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(refusal.says);
      // One line, naming the problem.
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(server.requests).toHaveLength(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
      expect(await readdir(dir)).not.toContain('out');
    });
  }
});
