import { FAULT_HEADER } from './faults/fault-rule.js';
import type { Sandbox } from './sandbox.js';

/** What a user needs to point a client at a running sandbox, as printable lines (the CLI prints them). */
export function describeSandbox(sandbox: Pick<Sandbox, 'baseUrls' | 'storageUrl' | 'apiKeys' | 'fixtures'>): string {
  return [
    'exportkit sandbox is running.',
    '',
    `  Omni      base URL ${sandbox.baseUrls.omni}`,
    `            API key  ${sandbox.apiKeys.omni}   (Authorization: Bearer <key>)`,
    `            dashboard ${sandbox.fixtures.omniDashboardId}`,
    `  VideoDB   base URL ${sandbox.baseUrls.videodb}`,
    `            API key  ${sandbox.apiKeys.videodb}   (x-access-token)`,
    `            stream link ${sandbox.fixtures.videodbStreamLink}`,
    `  Closient  base URL ${sandbox.baseUrls.closient}`,
    `            API key  ${sandbox.apiKeys.closient}   (X-API-Key)`,
    `            organization ${sandbox.fixtures.closientOrganizationId}`,
    `  Signed-URL storage ${sandbox.storageUrl}`,
    '',
    `Make one request misbehave with the header "${FAULT_HEADER}: <fault name>".`,
  ].join('\n');
}
