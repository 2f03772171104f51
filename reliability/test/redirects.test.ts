// Redirects never carry a key off its vendor's origin. Every vendor, every
// redirect kind (307/308 keep the method, 301/302/303 turn it into a GET), on
// its start call and its status call, and hop chains: within the origin they
// are followed with the key (and the export completes); a hop that leaves is
// refused with a typed error before anything is sent there. Signed download
// URLs (sent with no credentials at all) may hop between storage hosts.
import { startSandbox, VENDORS, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { RedirectError } from '@exportkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorText } from '../src/credential-leaks.js';
import { freshFolder, inspectFolder } from '../src/destination-check.js';
import { HOSTILE_API_KEY, downloadFromHostile, FILE_SHA256 } from '../src/hostile-download.js';
import { closientDone, startHostileVendor, videodbDone, type HostileVendor } from '../src/hostile-vendor.js';
import { scenario } from '../src/ledger.js';
import { requestsCarrying, startRedirectingFront, startStranger, type Redirect, type TestOrigin } from '../src/redirect-servers.js';
import { exportFromSandbox, fastExportOptions, settle } from '../src/sandbox-export.js';

let sandbox: Sandbox;
let hostile: HostileVendor;
const opened: TestOrigin[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 50, fileSizes: { omni: 20_000, videodb: 50_000, closient: 30_000 } });
  hostile = await startHostileVendor();
});
afterAll(async () => {
  await Promise.all(opened.map((origin) => origin.close()));
  await hostile?.close();
  await sandbox?.close();
});

const track = async (origin: Promise<TestOrigin>) => {
  const started = await origin;
  opened.push(started);
  return started;
};

/** The first request of a stage: the start is the vendor's only POST; a status call is the first GET. */
const STAGES = { start: 'POST', status: 'GET' } as const;
const KINDS = [301, 302, 303, 307, 308];

/** Exports the sandbox's fixture of `vendor` through a front that redirects as `rule` says; returns the outcome and what it left. */
async function throughFront(vendor: Vendor, rule: Parameters<typeof startRedirectingFront>[1]) {
  const sandboxOrigin = new URL(sandbox.baseUrls[vendor]).origin;
  const front = await track(startRedirectingFront(sandboxOrigin, rule));
  const baseUrl = sandbox.baseUrls[vendor].replace(sandboxOrigin, front.origin);
  const folder = await freshFolder('redirect');
  const key = sandbox.apiKeys[vendor];
  const outcome = await settle(exportFromSandbox({ ...sandbox, baseUrls: { ...sandbox.baseUrls, [vendor]: baseUrl } }, vendor, key, fastExportOptions(folder.path)));
  const left = await inspectFolder(folder.path, undefined);
  await folder.remove();
  return { outcome, left, key, front };
}

describe('a redirect off the vendor origin is refused; the key never arrives there', () => {
  for (const vendor of VENDORS) {
    for (const [stage, method] of Object.entries(STAGES)) {
      test.concurrent.each(KINDS)(`${vendor} ${stage} %i`, (status) =>
        scenario(`redirect/${vendor}/${stage}/${status}-off-origin`, async () => {
          const stranger = await track(startStranger());
          let fired = false;
          const { outcome, left, key } = await throughFront(vendor, (req) => {
            if (fired || req.method !== method) return undefined;
            fired = true;
            return { status, location: `${stranger.origin}/collect?token=not-for-you` };
          });
          expect(fired).toBe(true);
          expect(outcome.ok).toBe(false);
          const error = outcome.ok ? undefined : outcome.error;
          expect(error).toBeInstanceOf(RedirectError);
          expect(errorText(error)).not.toContain('not-for-you');
          expect(stranger.calls).toHaveLength(0);
          return { credentialLeaks: requestsCarrying(stranger, key) + (errorText(error).includes(key) ? 1 : 0), partialFiles: left.partialFiles };
        }),
      );
    }
  }
});

describe('hop chains', () => {
  const redirected = new Set<string>();
  for (const vendor of VENDORS) {
    test(`${vendor}: hops within the origin are followed with the key, and the export completes`, () =>
      scenario(`redirect/${vendor}/same-origin-chain`, async () => {
        // The first GET of each path takes two same-origin hops: a 302 to /hop/…, then a 307 back to the real path.
        const { outcome, key, front } = await throughFront(vendor, (req) => {
          if (req.method !== 'GET' || req.path.startsWith('/storage')) return undefined;
          if (req.path.startsWith('/hop/')) return { status: 307, location: req.path.slice('/hop'.length) };
          if (!redirected.has(`${vendor} ${req.path}`)) {
            redirected.add(`${vendor} ${req.path}`);
            return { status: 302, location: `/hop${req.path}` };
          }
          return undefined;
        });
        expect(outcome.ok).toBe(true);
        if (outcome.ok) expect(outcome.value.sha256).toBe((await sandbox.artifact(vendor, outcome.value.job.id)).sha256);
        const hops = front.calls.filter((call) => call.url.startsWith('/hop/'));
        expect(hops.length).toBeGreaterThan(0);
        for (const hop of hops) expect(JSON.stringify(hop.headers)).toContain(key);
        return { credentialLeaks: 0 };
      }),
    );

    test(`${vendor}: a chain that stays, leaves, and would come back stops where it leaves`, () =>
      scenario(`redirect/${vendor}/leave-and-return-chain`, async () => {
        let back = '';
        const stranger = await track(startStranger(() => ({ status: 307, location: back })));
        let fired = false;
        const { outcome, key } = await throughFront(vendor, (req) => {
          if (req.path === '/stay') return { status: 308, location: `${stranger.origin}/leave` };
          if (fired || req.method !== 'GET') return undefined;
          fired = true;
          back = `${req.origin}${req.path}`;
          return { status: 307, location: '/stay' };
        });
        expect(outcome.ok).toBe(false);
        expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(RedirectError);
        expect(stranger.calls).toHaveLength(0);
        return { credentialLeaks: requestsCarrying(stranger, key) };
      }),
    );
  }
});

describe('signed download URLs may hop between storage hosts, never with a credential', () => {
  for (const vendor of ['closient', 'videodb'] as const) {
    for (const kinds of [[302, 307], [301, 308], [303, 302]]) {
      test(`${vendor}: ${kinds.join(' then ')}`, () =>
        scenario(`redirect/${vendor}/signed-url-${kinds.join('-')}`, async () => {
          const second = await track(startStranger(() => ({ status: kinds[1] as number, location: hostile.fileUrl })));
          const first = await track(startStranger((): Redirect => ({ status: kinds[0] as number, location: `${second.origin}/object?X-Signature=abc` })));
          const signedUrl = `${first.origin}/object?X-Signature=abc`;
          hostile.set({ status: () => JSON.stringify(vendor === 'closient' ? closientDone(signedUrl) : videodbDone(signedUrl)) });
          const root = await freshFolder('redirect-signed');
          const outcome = await settle(downloadFromHostile(hostile, vendor, { to: root.path }));
          await root.remove();
          expect(outcome.ok).toBe(true);
          if (outcome.ok) expect(outcome.value.sha256).toBe(FILE_SHA256);
          expect(first.calls.length).toBeGreaterThan(0);
          expect(second.calls.length).toBeGreaterThan(0);
          for (const call of [...first.calls, ...second.calls]) {
            expect(call.headers.authorization).toBeUndefined();
            expect(call.headers['x-api-key']).toBeUndefined();
            expect(call.headers['x-access-token']).toBeUndefined();
          }
          return { credentialLeaks: requestsCarrying(first, HOSTILE_API_KEY) + requestsCarrying(second, HOSTILE_API_KEY) };
        }),
      );
    }
  }
});
