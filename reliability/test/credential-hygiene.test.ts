// Credential hygiene through the built CLI: successful, failed, refused and
// interrupted runs of every vendor, the key given as `--api-key KEY` and
// `--api-key=KEY`. The key must appear in no line printed and in no request
// the signed-URL origin received (the poller fetches signed URLs without
// vendor credentials). The poller-level scenarios check their errors too.
import { FAULT_HEADER, startSandbox, VENDORS, type Sandbox, type Vendor } from '@exportkit/sandbox';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, printedLines, type CliRun } from '../src/cli-process.js';
import { countLeaks, storageRequestTexts } from '../src/credential-leaks.js';
import { freshFolder, inspectFolder, isKeptPartial, JOURNAL_FOLDER, journalTexts } from '../src/destination-check.js';
import { scenario } from '../src/ledger.js';

let sandbox: Sandbox;
const keysSeen: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ jobDurationMs: 100, fileSizes: { omni: 20_000, videodb: 200_000, closient: 50_000 } });
});
afterAll(() => sandbox?.close());

const TARGET: Record<Vendor, (s: Sandbox) => string> = {
  omni: (s) => s.fixtures.omniDashboardId,
  videodb: (s) => s.fixtures.videodbStreamLink,
  closient: (s) => s.fixtures.closientOrganizationId,
};

/** One CLI run into a fresh folder; returns what it printed and leaked, and what it left. */
async function cliScenario(name: string, vendor: Vendor, key: string, options: { equalsForm?: boolean; expectCode: number; interrupt?: boolean }) {
  await scenario(name, async () => {
    keysSeen.push(key);
    const out = await freshFolder('cli');
    try {
      const keyArgs = options.equalsForm ? [`--api-key=${key}`] : ['--api-key', key];
      const args = [vendor, TARGET[vendor](sandbox), '--base-url', sandbox.baseUrls[vendor], ...keyArgs, '--out', out.path, '--json', '--timeout', '20'];
      let interrupted = false;
      const run: CliRun = await runCli(args, {
        // Ctrl-C once the transfer has begun (the hidden partial file exists), and only once:
        // a second Ctrl-C forces the CLI out without its resume line.
        tick: async (kill) => {
          if (options.interrupt && !interrupted && (await readdir(out.path)).some(isKeptPartial)) {
            interrupted = true;
            kill('SIGINT');
          }
        },
      });
      expect(run.code, run.stderr).toBe(options.expectCode);
      // The line most likely to echo a key: the command that continues the job.
      if (options.interrupt) expect(run.stderr).toMatch(/--resume \S+/);
      const verdict = await inspectFolder(out.path, undefined);
      // A successful run leaves its one file; an interrupted one may keep its hidden partial and its journal entry (the CLI asks for them).
      const interruptedLeftovers = (n: string) => options.interrupt === true && (isKeptPartial(n) || n === JOURNAL_FOLDER);
      const left = verdict.names.filter((n) => !interruptedLeftovers(n) && !(options.expectCode === 0 && !n.startsWith('.')));
      const journal = await journalTexts(out.path);
      if (options.interrupt) expect(journal, 'the interrupted job is journaled').toHaveLength(1);
      return { partialFiles: left.length, credentialLeaks: countLeaks([key], [...printedLines(run), ...storageRequestTexts(sandbox), ...journal]) };
    } finally {
      await out.remove();
    }
  });
}

// Child processes wait on I/O: running them side by side keeps the file short.
describe.concurrent('the key is printed nowhere', () => {
  test.each(VENDORS)('%s: a successful run (--api-key KEY)', (vendor) => cliScenario(`credentials/cli/${vendor}/success`, vendor, sandbox.createApiKey(vendor), { expectCode: 0 }));

  test.each(VENDORS)('%s: a successful run (--api-key=KEY)', (vendor) =>
    cliScenario(`credentials/cli/${vendor}/success-equals-form`, vendor, sandbox.createApiKey(vendor), { expectCode: 0, equalsForm: true }));

  test.each(VENDORS)('%s: a job that fails (exit 1)', (vendor) => {
    const key = sandbox.createApiKey(vendor);
    sandbox.addFault({ fault: 'job-fails', vendor, stage: 'poll', apiKey: key, times: 1 });
    return cliScenario(`credentials/cli/${vendor}/job-fails`, vendor, key, { expectCode: 1 });
  });

  test.each(VENDORS)('%s: a key the vendor refuses (exit 4)', (vendor) => {
    // Never registered with the sandbox: a 401, whose message must not quote the key back.
    const wrong = `${sandbox.createApiKey(vendor)}-revoked`;
    return cliScenario(`credentials/cli/${vendor}/refused-key`, vendor, wrong, { expectCode: 4 });
  });

  test.each(VENDORS)('%s: Ctrl-C mid-download prints a resume line without the key (exit 130)', (vendor) => {
    const key = sandbox.createApiKey(vendor);
    // The signed URL stalls, so the run is still going when SIGINT comes.
    sandbox.addFault({ fault: 'stalled-body', vendor, stage: 'download', apiKey: key, times: 1, stallMs: 10_000 });
    return cliScenario(`credentials/cli/${vendor}/interrupted`, vendor, key, { expectCode: 130, interrupt: true });
  });

});

// After every run above (a concurrent suite ends before the next one starts).
describe('the signed-URL origin', () => {
  test('no request to it carried any key of the file, nor the fault header', () =>
    scenario('credentials/storage-origin', () => {
      const texts = storageRequestTexts(sandbox);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((t) => t.includes(FAULT_HEADER))).toEqual([]);
      return { credentialLeaks: countLeaks([...keysSeen, ...Object.values(sandbox.apiKeys)], texts) };
    }));
});
