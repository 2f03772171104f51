import { createVideoDBClient } from '@exportkit/videodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { downloadAndHash, manualClock } from './helpers/download.js';
import { createSpecCheck } from './helpers/spec-checked-fetch.js';
import { SpecValidator } from './helpers/spec-validator.js';

describe('VideoDB lifecycle', () => {
  let sandbox: Sandbox;
  const clock = manualClock();
  const spec = createSpecCheck();
  const client = () => createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb, fetch: spec.fetchFor('videodb') });

  beforeEach(async () => {
    sandbox = await startSandbox({ now: clock.now, jobDurationMs: 3000, fileSizes: { videodb: 300_000 } });
  });
  afterEach(async () => {
    await sandbox.close();
    expect(spec.checked.length).toBeGreaterThan(0);
    expect(spec.problems()).toEqual([]);
  });

  it('creates, polls both shapes, downloads from the signed URL, lists and deletes', async () => {
    const videodb = client();
    const created = await videodb.POST('/download', { body: { stream_link: sandbox.fixtures.videodbStreamLink, name: 'talk.mp4' } });
    expect(created.data).toMatchObject({ success: true, status: 'processing' });
    const id = created.data?.data?.id ?? '';

    const running = await videodb.GET('/download/{download_id}', { params: { path: { download_id: id } } });
    expect(running.data).toMatchObject({ status: 'processing' }); // the AsyncResponse shape
    clock.advance(3000);
    const done = await videodb.GET('/download/{download_id}', { params: { path: { download_id: id } } });
    const record = (done.data as { data?: { status?: string; download_url?: string } }).data; // the record shape
    expect(record?.status).toBe('done');
    expect(record?.download_url?.startsWith(sandbox.storageUrl)).toBe(true);

    const asyncResult = await videodb.GET('/async-response/{response_id}', { params: { path: { response_id: id } } });
    expect(asyncResult.data?.status).toBe('done');

    const artifact = await sandbox.artifact('videodb', id);
    expect(artifact).toMatchObject({ size: 300_000, contentType: 'audio/mp4', filename: 'talk.mp4' });
    const file = await downloadAndHash(record?.download_url ?? '');
    expect(file).toMatchObject({ status: 200, size: artifact.size, sha256: artifact.sha256 });

    const list = await videodb.GET('/download', { params: { query: { page_index: 0, count: 10 } } });
    expect(list.data?.data?.downloads?.map((download) => download.id)).toEqual([id]);
    const deleted = await videodb.DELETE('/download', { params: { query: { download_id: id } } });
    expect(deleted.data?.success).toBe(true);
    const gone = await videodb.GET('/download/{download_id}', { params: { path: { download_id: id } } });
    expect(gone.response.status).toBe(404);
  });

  it('fails a download, then retries it as a new processing request', async () => {
    const videodb = client();
    sandbox.addFault({ fault: 'job-fails', vendor: 'videodb', stage: 'start' });
    const created = await videodb.POST('/download', { body: { stream_link: sandbox.fixtures.videodbStreamLink } });
    const id = created.data?.data?.id ?? '';
    clock.advance(3000);
    const failed = await videodb.GET('/download/{download_id}', { params: { path: { download_id: id } } });
    expect((failed.data as { data?: { status?: string } }).data?.status).toBe('error');
    const asyncFailed = await videodb.GET('/async-response/{response_id}', { params: { path: { response_id: id } } });
    expect(asyncFailed.data?.status).toBe('failed');

    const retried = await videodb.POST('/download/{download_id}', { params: { path: { download_id: id } } });
    expect(retried.data).toMatchObject({ success: true, status: 'processing' });
    expect(retried.data?.data?.id).not.toBe(id);
  });

  it("validates the status oneOf strictly: each of VideoDB's shapes matches exactly one branch", () => {
    const validator = new SpecValidator();
    const check = (body: unknown) =>
      validator.check({ vendor: 'videodb', method: 'GET', path: '/videodb/download/dl-1', status: 200, contentType: 'application/json', body });
    expect(check({ success: true, status: 'processing', data: { id: 'dl-1', output_url: 'https://api.videodb.io/async-response/dl-1' } })).toEqual([]);
    expect(check({ success: true, data: { id: 'dl-1', name: 'talk.mp4', status: 'done', download_url: 'https://example.com/talk.mp4' } })).toEqual([]);
    // Under the published document this matched both branches; read as anyOf it would pass. Strictly it is neither shape.
    expect(check({ success: true }).join()).toContain('must match exactly one schema in oneOf');
  });

  it('refuses a missing or wrong key with its error body', async () => {
    const stranger = createVideoDBClient({ apiKey: 'sk-wrong', baseUrl: sandbox.baseUrls.videodb, fetch: spec.fetchFor('videodb') });
    const refused = await stranger.GET('/download', {});
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
  });
});
