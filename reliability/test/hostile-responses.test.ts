// Hostile answers from a vendor and hostile input from a caller: ids that
// break the spec's patterns, download URLs of other schemes, a Retry-After of
// years, absurd sizes, bodies longer than announced, JSON bombs. Each ends in
// the right file or a clear typed error, before its deadline, with nothing
// written outside (or left inside) the destination and the key in no error.
import { createClosientClient } from '@exportkit/closient';
import { isExportkitError } from '@exportkit/core';
import { createOmniClient } from '@exportkit/omni';
import { RateLimitGovernor } from '@exportkit/poller';
import { resumeExport, runExport, type ExportResult as DownloadResult } from '@exportkit/poller';
import { closientAdapter, exportClosientOrg } from '@exportkit/poller/closient';
import { exportOmniDashboard, omniAdapter } from '@exportkit/poller/omni';
import { exportVideoDBDownload } from '@exportkit/poller/videodb';
import { createVideoDBClient } from '@exportkit/videodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countLeaks, errorText } from '../src/credential-leaks.js';
import { inspectFolder } from '../src/destination-check.js';
import { downloadFromHostile, FILE_SHA256, HOSTILE_API_KEY, scenarioRoot } from '../src/hostile-download.js';
import { closientDone, FILE_BYTES, startHostileVendor, videodbDone, type HostileBehaviour, type HostileVendor } from '../src/hostile-vendor.js';
import { scenario } from '../src/ledger.js';
import { settle } from '../src/sandbox-export.js';
import { withinDeadline } from '../src/within-deadline.js';
// The bound itself (not public API), read from the poller's source.
import { MAX_UNREADABLE_ANSWERS } from '../../packages/poller/src/internal/retry-policy.js';

let hostile: HostileVendor;
beforeAll(async () => {
  hostile = await startHostileVendor();
});
afterAll(() => hostile?.close());

/** The export's own deadline (a 50 MB body takes a while to parse on a small machine). */
const DEADLINE_MS = 8_000;
/** Scenarios that must end at their deadline get a short one. */
const SHORT_DEADLINE_MS = 1_000;
type Ending = 'file' | { code: string; reason?: string; maxMessage?: number };

/** Runs one hostile scenario in its own root and checks its ending, its folder, the root and the key. */
async function expectEnding(name: string, run: (dest: string) => Promise<DownloadResult>, ending: Ending, check: (requests: string[]) => void = () => {}) {
  await scenario(name, async () => {
    const where = await scenarioRoot();
    try {
      const outcome = await settle(withinDeadline(run(where.dest), DEADLINE_MS));
      let written: { file: string; sha256: string } | undefined;
      if (ending === 'file') {
        if (!outcome.ok) throw outcome.error;
        written = { file: outcome.value.file, sha256: FILE_SHA256 };
      } else {
        if (outcome.ok) throw new Error(`expected ${ending.code}, but the file was written: ${outcome.value.file}`);
        const error = outcome.error as Error & { code?: string; reason?: string };
        expect(isExportkitError(error), errorText(error).slice(0, 500)).toBe(true);
        expect({ code: error.code, reason: error.reason }).toMatchObject({ code: ending.code, ...(ending.reason ? { reason: ending.reason } : {}) });
        expect(error.message.length, 'a clear error is a short one').toBeLessThan(ending.maxMessage ?? 1_000);
      }
      check(hostile.requests);
      const verdict = await inspectFolder(where.dest, written);
      const stray = await where.strayOutside();
      return {
        corruptedFiles: verdict.corruptedFiles,
        partialFiles: verdict.partialFiles + stray.length,
        credentialLeaks: countLeaks([HOSTILE_API_KEY], outcome.ok ? [] : [errorText(outcome.error)]),
      };
    } finally {
      await where.remove();
    }
  });
}

const closientWith = (fields: Record<string, unknown>): HostileBehaviour => ({ status: (url) => JSON.stringify(closientDone(url, fields)) });
const fromHostile = (vendor: 'closient' | 'videodb', options: { governor?: RateLimitGovernor; timeoutMs?: number } = {}) => (to: string) =>
  downloadFromHostile(hostile, vendor, { to, timeoutMs: DEADLINE_MS, ...options });
const endsAtDeadline = (vendor: 'closient' | 'videodb', governor?: RateLimitGovernor) =>
  fromHostile(vendor, { timeoutMs: SHORT_DEADLINE_MS, ...(governor ? { governor } : {}) });
const nothingSent = (requests: string[]) => expect(requests).toEqual([]);
const noFileFetched = (requests: string[]) => expect(requests.filter((r) => r.includes('/storage/'))).toEqual([]);

describe('ids that break the spec patterns are refused before any request', () => {
  const omni = () => createOmniClient({ apiKey: HOSTILE_API_KEY, baseUrl: hostile.omniBase });
  const videodb = () => createVideoDBClient({ apiKey: HOSTILE_API_KEY, baseUrl: hostile.videodbBase });
  const closient = () => createClosientClient({ apiKey: HOSTILE_API_KEY, baseUrl: hostile.closientBase });
  const cases: [string, (to: string) => Promise<DownloadResult>][] = [
    ['omni dashboardId ..', (to) => exportOmniDashboard(omni(), { dashboardId: '..', body: { format: 'pdf' } }, { to })],
    ['omni dashboardId empty', (to) => exportOmniDashboard(omni(), { dashboardId: '', body: { format: 'pdf' } }, { to })],
    ['omni job id not a UUID', async (to) => runExport({ job: resumeExport({ version: 1, vendor: 'omni', jobId: '../../x', dashboardId: 'd' }, [omniAdapter(omni())]) }, { to })],
    ['videodb downloadId ..', (to) => exportVideoDBDownload(videodb(), { downloadId: '..' }, { to })],
    ['videodb downloadId with a slash', (to) => exportVideoDBDownload(videodb(), { downloadId: 'a/../../b' }, { to })],
    ['videodb stream link file:', (to) => exportVideoDBDownload(videodb(), { streamLink: 'file:///etc/passwd' }, { to })],
    ['closient organization traversal', (to) => exportClosientOrg(closient(), { organizationId: '../../etc/passwd' }, { to })],
    ['closient organization 21 characters', (to) => exportClosientOrg(closient(), { organizationId: 'AcmeFoodsSandboxQrg23' }, { to })],
    ['closient job id with a zero', async (to) => runExport({ job: resumeExport({ version: 1, vendor: 'closient', jobId: '0000000000000000000000', organizationId: 'AcmeFoodsSandboxQrg234' }, [closientAdapter(closient())]) }, { to })],
  ];
  test.each(cases)('%s', (label, run) => {
    hostile.set({});
    return expectEnding(`hostile/id/${label.replace(/\s+/g, '-')}`, run, { code: 'validation_error' }, nothingSent);
  });
});

describe('download URLs of other schemes are never fetched', () => {
  test.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hello', 'ftp://127.0.0.1/export.zip'])('%s', (url) => {
    hostile.set(closientWith({ download_url: url }));
    return expectEnding(`hostile/url/${url.split(':')[0]}`, fromHostile('closient'), { code: 'download_error', reason: 'invalid_url' }, noFileFetched);
  });
});

describe('a Retry-After of years', () => {
  const yearsOnce: HostileBehaviour = {
    status: (url, call) => (call === 0 ? { status: 429, headers: { 'Retry-After': String(100 * 365 * 86_400) }, body: '{}' } : JSON.stringify(closientDone(url))),
  };
  test('is capped by the governor: with a short cap the job completes', () => {
    hostile.set(yearsOnce);
    // Closient's documented day window would set the cap to a day: the cap under test is maxPauseMs alone.
    const governor = new RateLimitGovernor({ maxPauseMs: 50, limits: { closient: [] } });
    return expectEnding('hostile/retry-after-years/capped', fromHostile('closient', { governor }), 'file');
  });
  test('never outlasts the deadline: with the default cap (15 min) it ends in a timeout at the deadline', () => {
    hostile.set(yearsOnce);
    return expectEnding('hostile/retry-after-years/deadline', endsAtDeadline('closient', new RateLimitGovernor()), { code: 'timeout' });
  });
});

describe('sizes that lie', () => {
  // A size that is not a safe non-negative integer is no size at all: the body's own length decides.
  test.each([
    ['negative', -1],
    ['1e308', 1e308],
    ['beyond 2^53', 2 ** 53 + 2],
    ['a string', String(FILE_BYTES.length)],
  ])('file_size_bytes %s is ignored', (label, size) => {
    hostile.set(closientWith({ file_size_bytes: size }));
    return expectEnding(`hostile/size/${label.replace(/\s+/g, '-')}`, fromHostile('closient'), 'file');
  });
  test('file_size_bytes of a terabyte is refused against the body', () => {
    hostile.set(closientWith({ file_size_bytes: 2 ** 40 }));
    return expectEnding('hostile/size/terabyte', fromHostile('closient'), { code: 'download_error', reason: 'size_mismatch' });
  });
  test('a Content-Length larger than the stated size is refused', () => {
    const twice = Buffer.concat([FILE_BYTES, FILE_BYTES]);
    hostile.set({ ...closientWith({}), serveFile: (res) => res.writeHead(200, { 'Content-Length': twice.length }).end(twice) });
    return expectEnding('hostile/body-larger/content-length', fromHostile('closient'), { code: 'download_error', reason: 'size_mismatch' });
  });
  test('a chunked body running past the stated size is cut and refused', () => {
    hostile.set({ ...closientWith({}), serveFile: (res) => res.writeHead(200).end(Buffer.concat([FILE_BYTES, FILE_BYTES])) });
    return expectEnding('hostile/body-larger/chunked', fromHostile('closient'), { code: 'download_error', reason: 'size_mismatch' });
  });
});

describe('JSON bombs in status bodies', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const huge = () => 'x'.repeat(50 * 1024 * 1024);
  test('100k levels of nesting in an extra field: the file is written', () => {
    hostile.set({ status: (url) => `${JSON.stringify(closientDone(url)).slice(0, -1)},"bomb":${deep(100_000)}}` });
    return expectEnding('hostile/json-bomb/deep-field', fromHostile('closient'), 'file');
  });
  // A body with no status at all is not a status: after a few such answers in a row, a typed error — long before the deadline.
  test.each(['closient', 'videodb'] as const)('100k levels of nesting as the whole %s body: an unreadable-answer error, no crash', (vendor) => {
    hostile.set({ status: () => deep(100_000) });
    return expectEnding(`hostile/json-bomb/deep-body/${vendor}`, fromHostile(vendor), { code: 'unreadable_answer' }, (requests) =>
      expect(requests.length).toBeLessThanOrEqual(MAX_UNREADABLE_ANSWERS),
    );
  });
  test.each(['closient', 'videodb'] as const)('a %s status answer with no status field: an unreadable-answer error, no crash', (vendor) => {
    hostile.set({ status: () => JSON.stringify({ success: true, data: {} }) });
    return expectEnding(`hostile/no-status/${vendor}`, fromHostile(vendor), { code: 'unreadable_answer' });
  });
  test('a 50 MB output_filename: the file is written under a bounded name', () => {
    hostile.set(closientWith({ output_filename: `${huge()}.zip` }));
    return expectEnding('hostile/json-bomb/huge-filename', fromHostile('closient'), 'file');
  });
  test('a 50 MB VideoDB name: the file is written under a bounded name', () => {
    hostile.set({ status: (url) => JSON.stringify(videodbDone(url, { name: huge() })) });
    return expectEnding('hostile/json-bomb/huge-name', fromHostile('videodb'), 'file');
  });
  test('a 50 MB failure reason: a short JobFailedError', () => {
    hostile.set(closientWith({ status: 'failed', error: huge(), download_url: null }));
    return expectEnding('hostile/json-bomb/huge-error', fromHostile('closient'), { code: 'job_failed' });
  });
  test('a 50 MB status word: an unreadable-answer error, no crash', () => {
    hostile.set(closientWith({ status: huge() }));
    return expectEnding('hostile/json-bomb/huge-status', fromHostile('closient'), { code: 'unreadable_answer' });
  });
});
