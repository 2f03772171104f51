import type { Sandbox } from '../jobs/sandbox-api.js';
import { API_KEY_ENV, type VendorName } from '../options/vendor-name.js';

const VENDORS: readonly VendorName[] = ['omni', 'videodb', 'closient'];

/**
 * What `exportkit sandbox` prints: the base URLs and test keys as shell
 * lines to paste, then one ready command per vendor using the sandbox's
 * own fixtures. These are the sandbox's test keys, not anyone's secret.
 */
export function sandboxBanner(sandbox: Sandbox): string[] {
  const { baseUrls, apiKeys, fixtures } = sandbox;
  const env = VENDORS.map((vendor) => `export ${API_KEY_ENV[vendor]}=${apiKeys[vendor]}`);
  return [
    `exportkit sandbox listening on ${sandbox.url}`,
    '',
    'Base URLs:',
    ...VENDORS.map((vendor) => `  ${vendor.padEnd(9)}${baseUrls[vendor]}`),
    '',
    'Test keys (paste into your shell):',
    ...env.map((line) => `  ${line}`),
    '',
    'Then try:',
    `  exportkit omni ${fixtures.omniDashboardId} --base-url ${baseUrls.omni}`,
    `  exportkit videodb ${fixtures.videodbStreamLink} --base-url ${baseUrls.videodb}`,
    `  exportkit closient ${fixtures.closientOrganizationId} --base-url ${baseUrls.closient}`,
    '',
    'Press Ctrl-C to stop.',
  ];
}
