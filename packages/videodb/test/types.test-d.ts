import { describe, expectTypeOf, it } from 'vitest';
import type {
  VideoDBAsyncResponse,
  VideoDBCreateDownloadRequest,
  VideoDBDownloadRecord,
  VideoDBDownloadStatus,
  VideoDBErrorBody,
  VideoDBJobState,
} from '../src/index.js';
import { videoDBAsyncStates, videoDBRecordStates } from '../src/index.js';

describe('VideoDB generated types', () => {
  it('keeps both status vocabularies', () => {
    expectTypeOf<VideoDBAsyncResponse['status']>().toEqualTypeOf<'processing' | 'done' | 'failed' | undefined>();
    expectTypeOf<VideoDBDownloadRecord['status']>().toEqualTypeOf<'processing' | 'done' | 'error' | undefined>();
    expectTypeOf<VideoDBJobState>().toEqualTypeOf<'processing' | 'done' | 'failed' | 'error'>();
    expectTypeOf(videoDBAsyncStates).toEqualTypeOf<ReadonlyArray<'processing' | 'done' | 'failed'>>();
    expectTypeOf(videoDBRecordStates).toEqualTypeOf<ReadonlyArray<'processing' | 'done' | 'error'>>();
  });

  it('types the status response as the union of its two shapes', () => {
    // Both shapes have only optional fields, so Exclude/Extract cannot tell
    // them apart: pin the whole union instead.
    type RecordShape = {
      success?: boolean;
      data?: {
        id?: string;
        name?: string;
        status?: 'processing' | 'done' | 'error';
        created_at?: string;
        download_url?: string;
      };
    };
    expectTypeOf<VideoDBDownloadStatus>().toEqualTypeOf<VideoDBAsyncResponse | RecordShape>();
    expectTypeOf<VideoDBDownloadStatus>().not.toEqualTypeOf<VideoDBAsyncResponse>();
    expectTypeOf<NonNullable<VideoDBAsyncResponse['data']>>().toEqualTypeOf<{ id?: string; output_url?: string }>();
    expectTypeOf<VideoDBDownloadRecord>().toEqualTypeOf<NonNullable<RecordShape['data']>>();
  });

  it('requires stream_link in a create request', () => {
    expectTypeOf<VideoDBCreateDownloadRequest>().toEqualTypeOf<{ stream_link: string; name?: string }>();
  });

  it('types the shared error body', () => {
    expectTypeOf<VideoDBErrorBody>().toEqualTypeOf<{ success?: boolean; message?: string; error_code?: string }>();
  });
});
