import { createVendorClient, type VendorClientOptions } from '@exportkit/core';
import type { Client } from 'openapi-fetch';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/package.js';
import type { paths } from './generated/schema.js';
import { validateClosientCall } from './validate.js';

export type ClosientClientOptions = VendorClientOptions;
export type ClosientClient = Client<paths>;

/** A typed Closient API client: `X-API-Key: <apiKey>`, inputs checked before sending. */
export function createClosientClient(options: ClosientClientOptions): ClosientClient {
  return createVendorClient<paths>(
    {
      packageName: PACKAGE_NAME,
      version: PACKAGE_VERSION,
      defaultBaseUrl: 'https://www.closient.com',
      authHeaders: (apiKey) => ({ 'X-API-Key': apiKey }),
      validate: validateClosientCall,
    },
    options,
  );
}
