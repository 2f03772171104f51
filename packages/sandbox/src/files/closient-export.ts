import type { ClosientArchiveFormat, ClosientExportSection } from '@exportkit/closient';
import YAML from 'yaml';
import type { ArchiveEntry } from './archive-entry.js';
import { deterministicBytes, seededInt } from './deterministic-bytes.js';
import { type FileLayout, layoutOf } from './layout.js';
import type { MadeFile } from './omni-file.js';
import { dataRows } from './tabular-data.js';
import { tarGzLayout } from './tar-gz-archive.js';
import { zipLayout } from './zip-archive.js';

export const CLOSIENT_FORMAT_VERSION = '1.0';
const MEDIA_ASSET = 'products/assets/media-library.bin';
const SMALL_ASSET_BYTES = 1024;

const yamlEntry = (path: string, value: unknown): ArchiveEntry => ({
  path,
  content: layoutOf([{ bytes: Buffer.from(YAML.stringify(value)) }]),
});

/** The per-section outcome of an export: the same list in the status body and in the manifest. */
export function exportSections(jobId: string): ClosientExportSection[] {
  const products = 3 + seededInt(`${jobId}:products`, 6);
  return [
    { key: 'organization', status: 'ok', record_count: 1, binary_count: null, error: null },
    // Each product has a photo, plus the one media library asset.
    { key: 'products', status: 'ok', record_count: products, binary_count: products + 1, error: null },
    { key: 'locations', status: 'empty', record_count: 0, binary_count: null, error: null },
    { key: 'reviews', status: 'partial', record_count: 2, binary_count: null, error: '1 review could not be read' },
  ];
}

function exportEntries(organizationId: string, jobId: string, mediaBytes: number): ArchiveEntry[] {
  const sections = exportSections(jobId);
  const productCount = sections[1]?.record_count ?? 0;
  const products = dataRows(`${jobId}:products`, productCount);
  const media = deterministicBytes(`${jobId}:media`);
  const mediaCount = Math.floor(mediaBytes / media.length);
  return [
    yamlEntry('manifest.yaml', { format_version: CLOSIENT_FORMAT_VERSION, organization_id: organizationId, job_id: jobId, sections }),
    yamlEntry('organization/organization.yaml', { id: organizationId, name: `Organization ${organizationId.slice(0, 6)}` }),
    ...products.flatMap((product) => [
      yamlEntry(`products/${product.row}.yaml`, { id: product.row, name: `${product.product} ${product.row}`, region: product.region }),
      { path: `products/assets/${product.row}.jpg`, content: layoutOf([{ bytes: deterministicBytes(`${jobId}:photo:${product.row}`, 512) }]) },
    ]),
    {
      path: MEDIA_ASSET,
      content: layoutOf([
        { repeat: media, count: mediaCount },
        { bytes: deterministicBytes(`${jobId}:media-tail`, mediaBytes - mediaCount * media.length) },
      ]),
    },
    yamlEntry('reviews/reviews.yaml', [{ id: 1, stars: 5 }, { id: 2, stars: 4 }]),
  ];
}

const archiveOf = (format: ClosientArchiveFormat, entries: ArchiveEntry[]): Promise<FileLayout> =>
  format === 'zip' ? zipLayout(entries) : tarGzLayout(entries);

/**
 * An organization export: YAML records, binary assets and a manifest whose
 * sections match the status body, as zip (yazl) or tar.gz (tar-stream +
 * zlib). For a `targetSize`, the media library asset grows so the archive
 * comes out at about that size (within a few hundred bytes of headers).
 */
export async function makeClosientArchive(
  organizationId: string,
  jobId: string,
  format: ClosientArchiveFormat,
  filename: string,
  targetSize?: number,
): Promise<MadeFile> {
  let layout = await archiveOf(format, exportEntries(organizationId, jobId, SMALL_ASSET_BYTES));
  if (targetSize !== undefined && targetSize > layout.size) {
    layout = await archiveOf(format, exportEntries(organizationId, jobId, SMALL_ASSET_BYTES + targetSize - layout.size));
  }
  return { layout, filename, contentType: format === 'zip' ? 'application/zip' : 'application/gzip' };
}
