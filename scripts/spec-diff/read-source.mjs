// Reads a new vendor document from a file or an http(s) URL, as bytes: the
// stored copy must equal what the vendor published, byte for byte.
import { readFile } from 'node:fs/promises';
import { SpecError } from './spec-error.mjs';

const FETCH_TIMEOUT_MS = 15_000;

async function fetchBytes(url) {
  let response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.name ?? String(error);
    throw new SpecError(`could not fetch ${url}: ${cause}`);
  }
  if (!response.ok) throw new SpecError(`could not fetch ${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The document's bytes; `source` is a path or an http(s) URL. */
export async function readSource(source) {
  if (/^https?:\/\//i.test(source)) return fetchBytes(source);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new SpecError(`unsupported URL scheme in ${source}: use http(s) or a file path`);
  try {
    return await readFile(source);
  } catch (error) {
    throw new SpecError(`cannot read ${source}: ${error.code ?? error.message}`);
  }
}
