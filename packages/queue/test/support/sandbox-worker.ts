import { createClosientClient } from '@exportkit/closient';
import { resumeExport } from '@exportkit/poller';
import { closientAdapter, startClosientExport } from '@exportkit/poller/closient';
import { startVideoDBExport, videoDBAdapter } from '@exportkit/poller/videodb';
import type { Sandbox } from '@exportkit/sandbox';
import { createVideoDBClient } from '@exportkit/videodb';
import type { OpenedExport, QueuedExport } from '../../src/index.js';

/**
 * The `openExport` of an in-process test worker: the sandbox's Closient and
 * VideoDB, with the worker's own keys (the queue holds none).
 */
export function sandboxOpener(sandbox: Sandbox) {
  const closient = createClosientClient({ apiKey: sandbox.apiKeys.closient, baseUrl: sandbox.baseUrls.closient });
  const videodb = createVideoDBClient({ apiKey: sandbox.apiKeys.videodb, baseUrl: sandbox.baseUrls.videodb });
  return (request: QueuedExport, jobOptions: object): OpenedExport => {
    if (request.vendor === 'closient') {
      const organizationId = request.inputs.organizationId as string;
      return {
        start: (signal) => startClosientExport(closient, { organizationId }, { ...jobOptions, signal }),
        resume: (token) => resumeExport(token, [closientAdapter(closient)], jobOptions),
      };
    }
    return {
      start: (signal) => startVideoDBExport(videodb, { streamLink: request.inputs.streamLink as string, name: request.inputs.name }, { ...jobOptions, signal }),
      resume: (token) => resumeExport(token, [videoDBAdapter(videodb)], jobOptions),
    };
  };
}

/** A queued Closient export of `organizationId` into `to`. */
export const closientExport = (organizationId: string, to: string): QueuedExport => ({
  vendor: 'closient',
  inputs: { organizationId },
  to,
  key: JSON.stringify(['closient', organizationId]),
});

/** Resolves once `check` is true, polling every 20 ms; fails after `ms` (every wait is bounded). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
