import { parse } from 'content-disposition';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { downloadAndHash, manualClock } from './helpers/download.js';

describe('signed-URL origin', () => {
  let sandbox: Sandbox;
  const clock = manualClock();

  beforeEach(async () => {
    sandbox = await startSandbox({ now: clock.now, jobDurationMs: 0, signedUrlTtlMs: 60_000, fileSizes: { videodb: 200_000 } });
  });
  afterEach(() => sandbox.close());

  async function finishedDownload(name?: string): Promise<{ id: string; url: string }> {
    const headers = { 'x-access-token': sandbox.apiKeys.videodb, 'content-type': 'application/json' };
    const created = await fetch(`${sandbox.baseUrls.videodb}/download`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ stream_link: sandbox.fixtures.videodbStreamLink, ...(name !== undefined ? { name } : {}) }),
    }).then((r) => r.json() as Promise<{ data: { id: string } }>);
    const status = await fetch(`${sandbox.baseUrls.videodb}/download/${created.data.id}`, { headers }).then(
      (r) => r.json() as Promise<{ data: { download_url: string } }>,
    );
    return { id: created.data.id, url: status.data.download_url };
  }

  it('is another origin, and refuses requests that carry a credential header (400)', async () => {
    const { url } = await finishedDownload();
    expect(new URL(url).origin).toBe(sandbox.storageUrl);
    expect(sandbox.storageUrl).not.toBe(sandbox.url);
    for (const header of ['Authorization', 'X-API-Key', 'x-access-token']) {
      const response = await fetch(url, { headers: { [header]: 'secret' } });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<Code>InvalidArgument</Code>');
    }
    expect(sandbox.storageRequests.map((request) => request.status)).toEqual([400, 400, 400]);
    expect(sandbox.storageRequests[0]?.headers.authorization).toBe('secret');
  });

  it('checks the signature and answers 403 once expired', async () => {
    const { url } = await finishedDownload();
    const tampered = url.replace('X-Sandbox-Signature=', 'X-Sandbox-Signature=0');
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(url.split('?')[0] ?? '')).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(60_001);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it.each(['../../etc/passwd', '..', '.', 'a\u0000b\nc.mp4', 'naïve "talk".mp4', 'x'.repeat(10_000) + '.mp4'])(
    'serves a download under any name a client chose (%j): the URL keeps its job, Content-Disposition the whole name',
    async (name) => {
      const { id, url } = await finishedDownload(name);
      expect(new URL(url).pathname.split('/').slice(1, 3)).toEqual(['videodb', id]);
      const file = await downloadAndHash(url);
      expect(file).toMatchObject({ status: 200, sha256: (await sandbox.artifact('videodb', id)).sha256 });
      expect(parse(file.headers.get('content-disposition') ?? '').parameters.filename).toBe(name);
    },
  );

  it('serves Range with 206, honours If-Range only for the current ETag, and 416 past the end', async () => {
    const { id, url } = await finishedDownload();
    const artifact = await sandbox.artifact('videodb', id);
    const whole = await downloadAndHash(url);
    expect(whole).toMatchObject({ status: 200, size: artifact.size, sha256: artifact.sha256 });
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const etag = whole.headers.get('etag') ?? '';

    const part = await fetch(url, { headers: { Range: 'bytes=100-199', 'If-Range': etag } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${artifact.size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);

    const tail = await downloadAndHash(url, { headers: { Range: 'bytes=1000-' } });
    expect(tail).toMatchObject({ status: 206, size: artifact.size - 1000 });

    const staleVersion = await downloadAndHash(url, { headers: { Range: 'bytes=100-199', 'If-Range': '"old"' } });
    expect(staleVersion).toMatchObject({ status: 200, size: artifact.size });

    const beyond = await fetch(url, { headers: { Range: `bytes=${artifact.size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${artifact.size}`);
    await beyond.arrayBuffer();
  });
});
