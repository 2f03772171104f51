import type { Sandbox } from '../jobs/sandbox-api.js';
import { API_KEY_ENV, type VendorName } from '../options/vendor-name.js';

const VENDORS: readonly VendorName[] = ['omni', 'videodb', 'closient'];

/**
 * What `exportkit sandbox` prints: the sandbox's own description, then its
 * test keys as shell lines and one ready `exportkit` command per vendor.
 * These are the sandbox's throwaway keys, not anyone's secret.
 */
export function sandboxBanner(sandbox: Sandbox, description: string): string[] {
  const { baseUrls, apiKeys, fixtures } = sandbox;
  return [
    description,
    '',
    'Paste into your shell:',
    ...VENDORS.map((vendor) => `  export ${API_KEY_ENV[vendor]}=${apiKeys[vendor]}`),
    '',
    'Then try:',
    `  exportkit omni ${fixtures.omniDashboardId} --base-url ${baseUrls.omni}`,
    `  exportkit videodb ${fixtures.videodbStreamLink} --base-url ${baseUrls.videodb}`,
    `  exportkit closient ${fixtures.closientOrganizationId} --base-url ${baseUrls.closient}`,
    '',
    'Press Ctrl-C to stop.',
  ];
}
