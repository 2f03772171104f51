import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SignedTarget {
  /** Which stored object: `<vendor>/<jobId>/<filename>` (the filename may hold any character, `/` too). */
  objectPath: string;
  /** Clock milliseconds after which the URL no longer works. */
  expiresAt: number;
}

/**
 * Signs object paths the way object stores do: the expiry and an HMAC of
 * path + expiry travel in the query string, so the URL alone is the
 * credential and no API key ever needs to reach the storage origin.
 */
export class UrlSigner {
  readonly #secret = randomBytes(32);

  constructor(readonly storageOrigin: string) {}

  sign(target: SignedTarget): string {
    const expires = String(Math.floor(target.expiresAt));
    const url = new URL(urlPath(target.objectPath), this.storageOrigin);
    url.searchParams.set('X-Sandbox-Expires', expires);
    url.searchParams.set('X-Sandbox-Signature', this.#mac(url.pathname, expires));
    return url.toString();
  }

  /** The signed target of a request URL, or why it is refused. */
  verify(pathname: string, query: URLSearchParams): SignedTarget | 'unsigned' | 'bad-signature' {
    const expires = query.get('X-Sandbox-Expires');
    const signature = query.get('X-Sandbox-Signature');
    if (expires === null || signature === null || !/^\d+$/.test(expires)) return 'unsigned';
    const expected = Buffer.from(this.#mac(pathname, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
    const objectPath = pathname.split('/').filter(Boolean).map(decodeURIComponent).join('/');
    return { objectPath, expiresAt: Number(expires) };
  }

  #mac(pathname: string, expires: string): string {
    return createHmac('sha256', this.#secret).update(`${pathname}\n${expires}`).digest('hex');
  }
}

/**
 * The URL path of `<vendor>/<jobId>/<filename>`. The filename is a client's
 * choice (VideoDB's `name`): it becomes one segment, with `/` escaped, and a
 * name of only dots is prefixed, since URL parsers remove `.` and `..` segments.
 */
function urlPath(objectPath: string): string {
  const [vendor = '', jobId = '', ...name] = objectPath.split('/');
  const segments = [vendor, jobId].map(encodeURIComponent);
  if (name.length > 0) {
    const segment = encodeURIComponent(name.join('/'));
    segments.push(segment === '.' || segment === '..' ? `_${segment}` : segment);
  }
  return `/${segments.join('/')}`;
}
