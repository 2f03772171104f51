import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClosientArchiveFormat,
  ClosientExportSection,
  ClosientExportState,
  ClosientExportStatus,
  ClosientProblem,
  paths,
} from '../src/index.js';
import { closientArchiveFormats, closientExportStates } from '../src/index.js';

describe('Closient generated types', () => {
  it('pins the status and archive enums', () => {
    expectTypeOf<ClosientExportState>().toEqualTypeOf<'pending' | 'processing' | 'completed' | 'failed'>();
    expectTypeOf<ClosientExportStatus['status']>().toEqualTypeOf<ClosientExportState>();
    expectTypeOf<ClosientArchiveFormat>().toEqualTypeOf<'zip' | 'tar.gz'>();
    expectTypeOf(closientExportStates).toEqualTypeOf<ReadonlyArray<'pending' | 'processing' | 'completed' | 'failed'>>();
    expectTypeOf(closientArchiveFormats).toEqualTypeOf<ReadonlyArray<'zip' | 'tar.gz'>>();
  });

  it('keeps the nullable fields nullable and optional', () => {
    expectTypeOf<ClosientExportStatus['download_url']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ClosientExportStatus['output_filename']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ClosientExportStatus['expires_at']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ClosientExportStatus['error']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ClosientExportStatus['file_size_bytes']>().toEqualTypeOf<number>();
    expectTypeOf<ClosientExportSection['binary_count']>().toEqualTypeOf<number | null | undefined>();
  });

  it('keeps ErrorOut.retryable optional (a default is not a promise to send it)', () => {
    expectTypeOf<ClosientProblem['retryable']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ClosientProblem['error_code']>().toEqualTypeOf<string>();
    expectTypeOf<ClosientProblem['retry_after']>().toEqualTypeOf<number | null | undefined>();
  });

  it('types the request-export query and its problem+json 429', () => {
    type Request = paths['/dashboard/api/v1/data-export/{organization_id}']['post'];
    expectTypeOf<NonNullable<Request['parameters']['query']>['archive_format']>().toEqualTypeOf<ClosientArchiveFormat | undefined>();
    expectTypeOf<Request['responses'][429]['content']['application/problem+json']>().toEqualTypeOf<ClosientProblem>();
    expectTypeOf<Request['responses'][200]['content']['application/json']>().toEqualTypeOf<ClosientExportStatus>();
  });
});
