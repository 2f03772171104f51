// A sandbox with one finished VideoDB download of a given size: the file both
// download figures fetch, with our poller and with curl.
import { startSandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import { unwrap } from '@exportkit/core';

export async function sandboxWithFinishedDownload(bytes) {
  const sandbox = await startSandbox({ jobDurationMs: 0, fileSizes: { videodb: bytes } });
  const apiKey = sandbox.apiKeys.videodb;
  const client = createVideoDBClient({ apiKey, baseUrl: sandbox.baseUrls.videodb });
  const created = unwrap(await client.POST('/download', { body: { stream_link: sandbox.fixtures.videodbStreamLink, name: 'bench.mp4' } }));
  const downloadId = created.data?.id;
  // Poll until done, bounded: the sandbox finishes a zero-duration job at once.
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = unwrap(await client.GET('/download/{download_id}', { params: { path: { download_id: downloadId } } }));
    const signedUrl = status.data && 'download_url' in status.data ? status.data.download_url : undefined;
    if (signedUrl) {
      return { apiKey, downloadId, signedUrl, baseUrl: sandbox.baseUrls.videodb, close: () => sandbox.close() };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the sandbox download never finished');
}
