import { describe, expectTypeOf, it } from 'vitest';
import type {
  OmniDownloadConflict,
  OmniDownloadFormat,
  OmniDownloadRequest,
  OmniDownloadStatus,
  OmniErrorBody,
  OmniJobState,
  paths,
} from '../src/index.js';
import { omniDownloadFormats, omniJobStates } from '../src/index.js';

describe('Omni generated types', () => {
  it('pins the status enum to in_progress | complete | error', () => {
    expectTypeOf<OmniJobState>().toEqualTypeOf<'in_progress' | 'complete' | 'error'>();
    expectTypeOf<OmniDownloadStatus['status']>().toEqualTypeOf<'in_progress' | 'complete' | 'error' | undefined>();
    expectTypeOf(omniJobStates).toEqualTypeOf<ReadonlyArray<'in_progress' | 'complete' | 'error'>>();
  });

  it('pins the format enum', () => {
    expectTypeOf<OmniDownloadFormat>().toEqualTypeOf<'pdf' | 'png' | 'csv' | 'xlsx' | 'json'>();
    expectTypeOf(omniDownloadFormats).toEqualTypeOf<ReadonlyArray<'pdf' | 'png' | 'csv' | 'xlsx' | 'json'>>();
  });

  it('requires format in the request body and nothing else', () => {
    expectTypeOf<OmniDownloadRequest['format']>().toEqualTypeOf<OmniDownloadFormat>();
    expectTypeOf<{ format: 'pdf' }>().toExtend<OmniDownloadRequest>();
    expectTypeOf<{ filename: 'x' }>().not.toExtend<OmniDownloadRequest>();
    expectTypeOf<OmniDownloadRequest>().toHaveProperty('showContentLink');
    expectTypeOf<OmniDownloadRequest>().toHaveProperty('useCache');
  });

  it('filterConfig accepts any object, not Record<string, never>', () => {
    expectTypeOf<OmniDownloadRequest['filterConfig']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<{ format: 'csv'; filterConfig: { region: string[]; year: number } }>().toExtend<OmniDownloadRequest>();
  });

  it('names the 409 body with existing_job_id required', () => {
    expectTypeOf<OmniDownloadConflict['existing_job_id']>().toEqualTypeOf<string>();
    expectTypeOf<OmniErrorBody>().toEqualTypeOf<{ error?: string; message?: string }>();
  });

  it('types the download-file 200 as a binary Blob per format', () => {
    type File200 = paths['/v1/dashboards/{dashboardId}/download/{jobId}']['get']['responses'][200]['content'];
    expectTypeOf<File200['application/pdf']>().toEqualTypeOf<Blob>();
    expectTypeOf<File200['application/zip']>().toEqualTypeOf<Blob>();
  });
});
