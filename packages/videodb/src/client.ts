import { createVendorClient, type VendorClientOptions } from '@exportkit/core';
import type { Client } from 'openapi-fetch';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/package.js';
import type { paths } from './generated/schema.js';
import { validateVideoDBCall } from './validate.js';

export type VideoDBClientOptions = VendorClientOptions;
export type VideoDBClient = Client<paths>;

/** A typed VideoDB API client: `x-access-token: <apiKey>`, inputs checked before sending. */
export function createVideoDBClient(options: VideoDBClientOptions): VideoDBClient {
  return createVendorClient<paths>(
    {
      packageName: PACKAGE_NAME,
      version: PACKAGE_VERSION,
      defaultBaseUrl: 'https://api.videodb.io',
      authHeaders: (apiKey) => ({ 'x-access-token': apiKey }),
      validate: validateVideoDBCall,
    },
    options,
  );
}
