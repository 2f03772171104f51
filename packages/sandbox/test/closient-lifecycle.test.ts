import { createClosientClient } from '@exportkit/closient';
import { parseRateLimitHeaders } from '@exportkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { downloadAndHash, manualClock } from './helpers/download.js';
import { createSpecCheck } from './helpers/spec-checked-fetch.js';

describe('Closient lifecycle', () => {
  let sandbox: Sandbox;
  const clock = manualClock();
  const spec = createSpecCheck();
  const client = () => createClosientClient({ apiKey: sandbox.apiKeys.closient, baseUrl: sandbox.baseUrls.closient, fetch: spec.fetchFor('closient') });
  const request = '/dashboard/api/v1/data-export/{organization_id}';
  const poll = '/dashboard/api/v1/data-export/{organization_id}/{job_id}';

  beforeEach(async () => {
    sandbox = await startSandbox({ now: clock.now, jobDurationMs: 3000, rateLimits: { closient: { perMinute: 5, perDay: 100 } } });
  });
  afterEach(async () => {
    await sandbox.close();
    expect(spec.checked.length).toBeGreaterThan(0);
    expect(spec.problems()).toEqual([]);
  });

  for (const archive_format of ['zip', 'tar.gz'] as const) {
    it(`requests a ${archive_format} export, polls pending → processing → completed and downloads it`, async () => {
      const closient = client();
      const organization_id = sandbox.fixtures.closientOrganizationId;
      const started = await closient.POST(request, { params: { path: { organization_id }, query: { archive_format } } });
      expect(started.data).toMatchObject({ status: 'pending', file_size_bytes: 0, download_url: null, archive_format });
      const job_id = started.data?.job_id ?? '';
      clock.advance(1500);
      const processing = await closient.GET(poll, { params: { path: { organization_id, job_id } } });
      expect(processing.data?.status).toBe('processing');
      clock.advance(1500);
      const done = await closient.GET(poll, { params: { path: { organization_id, job_id } } });
      const artifact = await sandbox.artifact('closient', job_id);
      expect(done.data).toMatchObject({ status: 'completed', file_size_bytes: artifact.size, output_filename: artifact.filename });
      expect(done.data?.sections?.map((section) => section.key)).toEqual(['organization', 'products', 'locations', 'reviews']);
      expect(Date.parse(done.data?.expires_at ?? '')).toBeGreaterThan(clock.now());
      const file = await downloadAndHash(done.data?.download_url ?? '');
      expect(file).toMatchObject({ status: 200, size: artifact.size, sha256: artifact.sha256 });
    });
  }

  it('sends RateLimit-* and X-RateLimit-* on every response, then 429 with Retry-After and problem+json', async () => {
    const closient = client();
    const organization_id = sandbox.fixtures.closientOrganizationId;
    const job_id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { response } = await closient.GET(poll, { params: { path: { organization_id, job_id } } });
      seen.push(response.status);
      expect(response.headers.get('ratelimit-policy')).toBe('5;w=60, 100;w=86400');
      const info = parseRateLimitHeaders(response.headers, clock.now());
      expect(info).toMatchObject({ limit: 5, remaining: Math.max(0, 4 - i) });
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(clock.now() / 1000);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBe('60');
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    expect(seen).toEqual([404, 404, 404, 404, 404, 429]);
    const stranger = createClosientClient({ apiKey: 'csb_abc_123', baseUrl: sandbox.baseUrls.closient, fetch: spec.fetchFor('closient') });
    const refused = await stranger.GET(poll, { params: { path: { organization_id, job_id } } });
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get('ratelimit-limit')).not.toBeNull();
  });
});
