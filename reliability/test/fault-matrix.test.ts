// Fault matrix: every sandbox fault, for every vendor and stage FAULT_CATALOG
// says it applies to, driven through the poller's node export functions.
// Each scenario ends in the right file (sha256 of the bytes on disk equal to
// the sandbox's) or in the right typed error, before its deadline, and
// leaves nothing else in its destination folder.
import { FAULT_CATALOG, FAULT_NAMES, startSandbox, type FaultName, type FaultStage, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { isExportkitError } from '@exportkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countLeaks, errorText, storageRequestTexts } from '../src/credential-leaks.js';
import { freshFolder, inspectFolder } from '../src/destination-check.js';
import { expectedEnding } from '../src/expected-ending.js';
import { scenario } from '../src/ledger.js';
import { exportFromSandbox, fastExportOptions, settle } from '../src/sandbox-export.js';
import { withinDeadline } from '../src/within-deadline.js';

const TIMEOUT_MS = 15_000;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 60, fileSizes: { omni: 50_000, videodb: 300_000, closient: 200_000 } });
});
afterAll(() => sandbox?.close());

const cases: [FaultName, Vendor, FaultStage][] = [];
for (const fault of FAULT_NAMES) {
  for (const vendor of FAULT_CATALOG[fault].vendors) for (const stage of FAULT_CATALOG[fault].stages) cases.push([fault, vendor, stage]);
}

describe.concurrent('fault matrix', () => {
  test.each(cases)('%s at %s/%s ends in the right file or typed error', (fault, vendor, stage) =>
    scenario(`fault/${vendor}/${stage}/${fault}`, async () => {
      // Its own key: its fault rule and its rate budget touch no other scenario.
      const apiKey = sandbox.createApiKey(vendor);
      sandbox.addFault({ fault, vendor, stage, apiKey, times: 1, retryAfterSeconds: 0, stallMs: 5_000 });
      const folder = await freshFolder('fault');
      try {
        const run = exportFromSandbox(sandbox, vendor, apiKey, fastExportOptions(folder.path, { timeoutMs: TIMEOUT_MS }));
        const outcome = await settle(withinDeadline(run, TIMEOUT_MS));
        const expected = expectedEnding(fault, vendor, stage);
        let written: { file: string; sha256: string } | undefined;
        if (expected.kind === 'file') {
          if (!outcome.ok) throw outcome.error;
          written = { file: outcome.value.file, sha256: (await sandbox.artifact(vendor, outcome.value.job.id)).sha256 };
        } else {
          expect(outcome.ok, 'the scenario should have ended in an error').toBe(false);
          const error = (outcome as { error: unknown }).error;
          expect(isExportkitError(error), errorText(error)).toBe(true);
          expect({ code: (error as { code: string }).code, name: (error as Error).name }).toEqual({ code: expected.code, name: expected.name });
        }
        const folderVerdict = await inspectFolder(folder.path, written);
        const texts = [...storageRequestTexts(sandbox), ...(outcome.ok ? [] : [errorText(outcome.error)])];
        return { corruptedFiles: folderVerdict.corruptedFiles, partialFiles: folderVerdict.partialFiles, credentialLeaks: countLeaks([apiKey], texts) };
      } finally {
        await folder.remove();
      }
    }),
  );
});
