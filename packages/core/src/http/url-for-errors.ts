/**
 * A URL as it may appear in an error or a log line: no credentials, no query
 * (a signed URL carries its signature there), no fragment.
 */
export function urlForErrors(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
