import { createVendorClient, ValidationError, type VendorClientOptions } from '@exportkit/core';
import type { Client } from 'openapi-fetch';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/package.js';
import type { paths } from './generated/schema.js';
import { validateOmniCall } from './validate.js';

export interface OmniClientOptions extends Omit<VendorClientOptions, 'baseUrl'> {
  /** Your Omni instance: builds `https://{instance}.omniapp.co/api`. */
  instance?: string;
  /** The API root instead of an instance (a playground, a proxy, the sandbox). */
  baseUrl?: string;
}

export type OmniClient = Client<paths>;

const INSTANCE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function omniBaseUrl(options: OmniClientOptions): string {
  if (options.baseUrl !== undefined) return options.baseUrl;
  if (options.instance === undefined) {
    throw new ValidationError('instance', 'pass your Omni instance (the subdomain of omniapp.co) or a baseUrl');
  }
  if (!INSTANCE_PATTERN.test(options.instance)) {
    throw new ValidationError('instance', `"${options.instance}" is not a hostname label (letters, digits, hyphens)`);
  }
  return `https://${options.instance}.omniapp.co/api`;
}

/** A typed Omni API client: `Authorization: Bearer <apiKey>`, inputs checked before sending. */
export function createOmniClient(options: OmniClientOptions): OmniClient {
  const baseUrl = omniBaseUrl(options);
  return createVendorClient<paths>(
    {
      packageName: PACKAGE_NAME,
      version: PACKAGE_VERSION,
      defaultBaseUrl: baseUrl,
      authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      validate: validateOmniCall,
    },
    { ...options, baseUrl },
  );
}
