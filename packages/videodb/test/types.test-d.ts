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
    // Required by the overlay: it is what tells an AsyncResponse from a download record.
    expectTypeOf<VideoDBAsyncResponse['status']>().toEqualTypeOf<'processing' | 'done' | 'failed'>();
    expectTypeOf<VideoDBDownloadRecord['status']>().toEqualTypeOf<'processing' | 'done' | 'error' | undefined>();
    expectTypeOf<VideoDBJobState>().toEqualTypeOf<'processing' | 'done' | 'failed' | 'error'>();
    expectTypeOf(videoDBAsyncStates).toEqualTypeOf<ReadonlyArray<'processing' | 'done' | 'failed'>>();
    expectTypeOf(videoDBRecordStates).toEqualTypeOf<ReadonlyArray<'processing' | 'done' | 'error'>>();
  });

  it('types the status response as the union of its two exclusive shapes', () => {
    // The overlay makes the oneOf exclusive: an AsyncResponse requires its
    // top-level status, the record shape requires data and has no top-level
    // status. So the union narrows on `status` (Extract/Exclude tell them apart).
    type RecordShape = {
      success?: boolean;
      data: {
        id?: string;
        name?: string;
        status?: 'processing' | 'done' | 'error';
        created_at?: string;
        download_url?: string;
      };
    };
    expectTypeOf<VideoDBDownloadStatus>().toEqualTypeOf<VideoDBAsyncResponse | RecordShape>();
    expectTypeOf<Extract<VideoDBDownloadStatus, { status: unknown }>>().toEqualTypeOf<VideoDBAsyncResponse>();
    expectTypeOf<Exclude<VideoDBDownloadStatus, { status: unknown }>>().toEqualTypeOf<RecordShape>();
    expectTypeOf<NonNullable<VideoDBAsyncResponse['data']>>().toEqualTypeOf<{ id?: string; output_url?: string }>();
    expectTypeOf<VideoDBDownloadRecord>().toEqualTypeOf<RecordShape['data']>();
  });

  it('requires stream_link in a create request', () => {
    expectTypeOf<VideoDBCreateDownloadRequest>().toEqualTypeOf<{ stream_link: string; name?: string }>();
  });

  it('types the shared error body', () => {
    expectTypeOf<VideoDBErrorBody>().toEqualTypeOf<{ success?: boolean; message?: string; error_code?: string }>();
  });
});
