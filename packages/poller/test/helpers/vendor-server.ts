import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A hook that may answer a request itself (a fault); returning false lets the vendor logic answer. */
export type Fault = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

interface Job {
  vendor: 'omni' | 'videodb' | 'closient';
  id: string;
  doneAt: number;
  fails: boolean;
  bytes: Buffer;
  filename: string;
  userId?: string | undefined;
  version: number;
}

/**
 * A minimal stand-in for the three vendors and their object storage, on
 * 127.0.0.1, used until (and beside) the shared sandbox: jobs finish at a time
 * of the injected clock; files support Range / If-Range with a strong ETag.
 */
export async function startVendorServer(options: {
  clock: () => number;
  jobMs?: number;
  fileSize?: number;
  /** Omni's per-key limit, counted in fixed windows of the injected clock (429 beyond it). */
  omniLimit?: { limit: number; windowMs: number };
}) {
  const omniWindows = new Map<number, number>();
  let omni429 = 0;
  const jobs = new Map<string, Job>();
  const seen: Seen[] = [];
  const faults: Fault[] = [];
  let signedUrlTtlMs = 3_600_000;
  let omniConflictWith: string | undefined;
  const config = { failNext: false, unknownStatusPolls: 0, filename: 'Quarterly Report.pdf' };

  const makeJob = (vendor: Job['vendor'], id: string, userId?: string): Job => {
    const size = options.fileSize ?? 100_000;
    const bytes = Buffer.alloc(size, 0);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + id.length) & 0xff;
    const job: Job = { vendor, id, doneAt: options.clock() + (options.jobMs ?? 10_000), fails: config.failNext, bytes, filename: config.filename, userId, version: 1 };
    config.failNext = false;
    jobs.set(id, job);
    return job;
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const state = (job: Job) => (options.clock() < job.doneAt ? 'running' : job.fails ? 'failed' : 'done');
  let server: ReturnType<typeof createServer>;
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signedUrl = (job: Job) => `${base()}/storage/${job.id}?expires=${options.clock() + signedUrlTtlMs}&sig=s3cr3t-signature`;

  const sendFile = (req: IncomingMessage, res: ServerResponse, job: Job, disposition: boolean) => {
    const etag = `"${job.id}-v${job.version}"`;
    const headers: Record<string, string> = { ETag: etag, 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream' };
    if (disposition) headers['Content-Disposition'] = `attachment; filename="${job.filename}"`;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && (!ifRange || ifRange === etag)) {
      const start = Number(range[1]);
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${job.bytes.length - 1}/${job.bytes.length}`, 'Content-Length': String(job.bytes.length - start) });
      res.end(job.bytes.subarray(start));
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(job.bytes.length) });
    res.end(job.bytes);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (options.omniLimit && p.startsWith('/omni')) {
      const window = Math.floor(options.clock() / options.omniLimit.windowMs);
      const used = (omniWindows.get(window) ?? 0) + 1;
      omniWindows.set(window, used);
      if (used > options.omniLimit.limit) {
        omni429++;
        return json(res, 429, { error: '429', message: 'Too Many Requests' });
      }
    }
    if ((m = /^\/omni\/v1\/dashboards\/([^/]+)\/download$/.exec(p)) && req.method === 'POST') {
      if (omniConflictWith) return json(res, 409, { detail: 'already running', existing_job_id: omniConflictWith, status: 'EXECUTING' });
      const job = makeJob('omni', randomUUID(), url.searchParams.get('userId') ?? undefined);
      return json(res, 200, { job_id: job.id, message: 'Download initiated successfully' });
    }
    if ((m = /^\/omni\/v1\/dashboards\/([^/]+)\/download\/([^/]+)(\/status)?$/.exec(p))) {
      const job = jobs.get(m[2] as string);
      if (!job || job.userId !== (url.searchParams.get('userId') ?? undefined)) return json(res, 404, { error: '404', message: 'not found' });
      const s = state(job);
      if (m[3]) {
        if (config.unknownStatusPolls > 0) {
          config.unknownStatusPolls--;
          return json(res, 200, { job_id: job.id, status: 'queued' });
        }
        return json(res, 200, { job_id: job.id, status: s === 'running' ? 'in_progress' : s === 'failed' ? 'error' : 'complete', format: 'pdf' });
      }
      if (s === 'running') return json(res, 202, {});
      if (s === 'failed') return json(res, 410, { error: '410', message: 'job failed' });
      return sendFile(req, res, job, true);
    }
    if (p === '/videodb/download' && req.method === 'POST') {
      const job = makeJob('videodb', `dl-${randomUUID()}`);
      job.filename = 'clip.mp4';
      return json(res, 200, { success: true, status: 'processing', data: { id: job.id, output_url: `${base()}/videodb/async-response/${job.id}` } });
    }
    if ((m = /^\/videodb\/download\/([^/]+)$/.exec(p))) {
      const job = jobs.get(m[1] as string);
      if (!job) return json(res, 404, { success: false, message: 'no such download', error_code: 'not_found' });
      const s = state(job);
      if (s === 'running') return json(res, 200, { success: true, status: 'processing', data: { id: job.id, output_url: 'x' } });
      return json(res, 200, { success: true, data: { id: job.id, name: job.filename, status: s === 'failed' ? 'error' : 'done', created_at: '2026-01-01T00:00:00Z', ...(s === 'done' ? { download_url: signedUrl(job) } : {}) } });
    }
    if ((m = /^\/closient\/dashboard\/api\/v1\/data-export\/([^/]+)(?:\/([^/]+))?$/.exec(p))) {
      let job: Job | undefined;
      if (req.method === 'POST') job = makeJob('closient', shortuuid());
      else job = jobs.get(m[2] as string);
      if (!job) return json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no', error_code: 'not_found', timestamp: '' });
      job.filename = 'closient-export-acme.zip';
      const s = state(job);
      const done = s === 'done';
      return json(res, 200, {
        job_id: job.id,
        status: s === 'running' ? 'processing' : s === 'failed' ? 'failed' : 'completed',
        archive_format: url.searchParams.get('archive_format') ?? 'zip',
        format_version: '1.0',
        output_filename: job.filename,
        file_size_bytes: done ? job.bytes.length : 0,
        download_url: done ? signedUrl(job) : null,
        expires_at: done ? new Date(options.clock() + signedUrlTtlMs).toISOString() : null,
        sections: done ? [{ key: 'organization', status: 'ok', record_count: 1 }] : [],
      }, { 'RateLimit-Limit': '300', 'RateLimit-Remaining': '299', 'RateLimit-Reset': '60', 'RateLimit-Policy': '300;w=60, 10000;w=86400' });
    }
    if ((m = /^\/storage\/([^/]+)$/.exec(p))) {
      const job = jobs.get(m[1] as string);
      const expires = Number(url.searchParams.get('expires'));
      if (!job || url.searchParams.get('sig') !== 's3cr3t-signature') return json(res, 404, {});
      if (expires <= options.clock()) return json(res, 403, { Code: 'AccessDenied', Message: 'Request has expired' });
      return sendFile(req, res, job, false);
    }
    json(res, 404, { message: `no route ${req.method} ${p}` });
  };

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
    req.resume();
    req.on('end', () => {
      for (const fault of faults) if (fault(req, res, url)) return;
      handle(req, res, url);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: base(),
    omniBase: `${base()}/omni`,
    videodbBase: `${base()}/videodb`,
    closientBase: `${base()}/closient`,
    jobs,
    seen,
    faults,
    config,
    sha256: (id: string) => createHash('sha256').update(jobs.get(id)?.bytes ?? Buffer.alloc(0)).digest('hex'),
    omni429: () => omni429,
    conflictWith(id: string | undefined) {
      omniConflictWith = id;
    },
    setSignedUrlTtl(ms: number) {
      signedUrlTtlMs = ms;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
let counter = 0;
function shortuuid(): string {
  let n = ++counter;
  let id = '';
  for (let i = 0; i < 22; i++) {
    id += ALPHABET[(n + i * 7) % ALPHABET.length];
    n = Math.floor(n / 3) + i;
  }
  return id;
}
