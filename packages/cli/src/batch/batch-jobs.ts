import { resolve } from 'node:path';
import { type ClosientArchiveFormat, createClosientClient } from '@exportkit/closient';
import { ValidationError } from '@exportkit/core';
import { createOmniClient, type OmniDownloadRequest } from '@exportkit/omni';
import { createVideoDBClient } from '@exportkit/videodb';
import type { ExportTask } from '../jobs/export-task.js';
import type { JobOptions } from '../jobs/poller-api.js';
import { resolveApiKey } from '../options/resolve-common-options.js';
import { API_KEY_ENV, type VendorName } from '../options/vendor-name.js';
import { closientExportTask } from '../vendors/closient-task.js';
import { omniDownloadBody, omniExportTask } from '../vendors/omni-task.js';
import { videoDBExportTask } from '../vendors/videodb-task.js';
import { UsageError } from '../exit/usage-error.js';
import type { BatchJob, ManifestEntry } from './manifest-entry.js';
import { ManifestError } from './manifest-error.js';

/** Where each vendor's API is, for a run: `--base-url vendor=URL`, and Omni's `--instance`. */
export interface VendorServers {
  baseUrls: Partial<Record<VendorName, string>>;
  omniInstance?: string | undefined;
}

/** What turns checked entries into runnable exports: the root folder, the servers, the keys, the shared job options. */
export interface BatchBinding {
  outDir: string;
  servers: VendorServers;
  env: NodeJS.ProcessEnv;
  /** One governor for every job of a key: all jobs of a vendor share one client, so one budget. */
  jobOptions: JobOptions;
  /**
   * Only checking, never sending (enqueueing into a fleet): the clients are
   * made without the vendors' keys, which the workers bring.
   */
  checkOnly?: boolean | undefined;
}

/** The stand-in key of clients that only check lines: they never send a request. */
const NO_KEY_CHECK_ONLY = 'exportkit-check-only';

/**
 * The vendors' own request checks name the API's fields; a manifest names
 * them as the commands do. A refusal names the field the person wrote.
 */
const MANIFEST_NAME_OF_FIELD: Record<string, string> = {
  organization_id: 'organizationId',
  archive_format: 'archiveFormat',
  stream_link: 'streamLink',
  download_id: 'id',
  queryIdentifierMapKey: 'tile',
  '--user-id': 'userId',
};

/** Omni's body fields are the manifest's own names (`format`, `filename`, …) once their `body.` goes. */
function manifestFieldName(field: string): string {
  const bare = field.replace(/^body\./, '');
  return MANIFEST_NAME_OF_FIELD[bare] ?? bare;
}

/** A client factory per vendor; each is made once per run and shared by every line of that vendor. */
type TaskMaker = (entry: ManifestEntry) => ExportTask;

function omniServer(servers: VendorServers): { baseUrl: string } | { instance: string } {
  const baseUrl = servers.baseUrls.omni;
  if (baseUrl !== undefined && servers.omniInstance !== undefined) {
    throw new UsageError('--instance and --base-url omni=…', 'pass one of them: --instance builds https://<instance>.omniapp.co/api');
  }
  if (baseUrl !== undefined) return { baseUrl };
  if (servers.omniInstance !== undefined) return { instance: servers.omniInstance };
  throw new UsageError('Omni server', 'the manifest has omni lines: pass --instance <your omniapp.co subdomain>, or --base-url omni=<API root>');
}

/** The key of a vendor the manifest uses, from its environment variable only: keys never go in a manifest. */
function keyFor(vendor: VendorName, env: NodeJS.ProcessEnv): string {
  try {
    return resolveApiKey(vendor, undefined, env);
  } catch {
    throw new UsageError('API key', `${vendor} exports need a key: set ${API_KEY_ENV[vendor]} (keys never go in a manifest or the queue)`);
  }
}

function taskMaker(vendor: VendorName, binding: BatchBinding): TaskMaker {
  const { servers, env, jobOptions } = binding;
  const apiKey = binding.checkOnly ? NO_KEY_CHECK_ONLY : keyFor(vendor, env);
  const baseUrl = servers.baseUrls[vendor];
  const server = baseUrl === undefined ? {} : { baseUrl };
  if (vendor === 'omni') {
    // Checking only, the server is the workers' to know: any valid one builds the client.
    const server = binding.checkOnly && servers.baseUrls.omni === undefined && servers.omniInstance === undefined ? { instance: NO_KEY_CHECK_ONLY } : omniServer(servers);
    const client = createOmniClient({ apiKey, ...server });
    return ({ inputs }) => {
      const body: OmniDownloadRequest = omniDownloadBody({ ...inputs, format: (inputs.format ?? 'pdf') as OmniDownloadRequest['format'] });
      return omniExportTask(client, { dashboardId: inputs.dashboardId as string, userId: inputs.userId, body }, jobOptions);
    };
  }
  if (vendor === 'closient') {
    const client = createClosientClient({ apiKey, ...server });
    return ({ inputs }) =>
      closientExportTask(
        client,
        { organizationId: inputs.organizationId as string, archiveFormat: (inputs.archiveFormat ?? 'zip') as ClosientArchiveFormat },
        jobOptions,
      );
  }
  const client = createVideoDBClient({ apiKey, ...server });
  return ({ inputs }) =>
    videoDBExportTask(client, inputs.id !== undefined ? { downloadId: inputs.id } : { streamLink: inputs.streamLink as string, name: inputs.name }, jobOptions);
}

/**
 * The journal key of an export: the single commands' key (vendor, API root,
 * target and file options), plus the file name when the line sets one — so a
 * batch line and the command it replaces continue each other's job.
 */
export function journalKeyOf(vendor: VendorName, servers: VendorServers, identity: string, saveAs: string | undefined): string {
  const server = servers.baseUrls[vendor] ?? null;
  return JSON.stringify(saveAs === undefined ? [vendor, server, identity] : [vendor, server, identity, saveAs]);
}

/**
 * Makes each entry's task, with one client per vendor shared by every entry
 * of that vendor (so one budget per key), running the vendor's own request
 * checks: a bad id is refused before any request, naming its line.
 */
export function createTaskFactory(manifest: string, binding: BatchBinding): (entry: ManifestEntry) => ExportTask {
  const makers = new Map<VendorName, TaskMaker>();
  return (entry) => {
    let maker = makers.get(entry.vendor);
    if (!maker) makers.set(entry.vendor, (maker = taskMaker(entry.vendor, binding)));
    try {
      return maker(entry);
    } catch (error) {
      if (error instanceof ValidationError) throw new ManifestError(manifest, entry.line, manifestFieldName(error.field), error.rule);
      throw error;
    }
  };
}

/**
 * Binds every entry to its vendor's task: a bad id on line 212 stops the
 * batch before its first request. Two lines that would write the same
 * export, or the same file name, into one folder are refused too.
 */
export function bindBatchJobs(manifest: string, entries: readonly ManifestEntry[], binding: BatchBinding): BatchJob[] {
  const taskOf = createTaskFactory(manifest, binding);
  const seen = new Map<string, number>();
  const claimOnce = (claim: string, line: number, [field, rule]: [field: string, rule: string]) => {
    const earlier = seen.get(claim);
    if (earlier === undefined) return void seen.set(claim, line);
    throw new ManifestError(manifest, line, field, `${rule} ${earlier}`);
  };
  return entries.map((entry) => {
    const task = taskOf(entry);
    const outDir = resolve(binding.outDir, entry.folder);
    const journalKey = journalKeyOf(entry.vendor, binding.servers, task.identity, entry.saveAs);
    claimOnce(`${outDir}\0export\0${journalKey}`, entry.line, ['(line)', 'repeats the export of line']);
    if (entry.saveAs !== undefined) claimOnce(`${outDir}\0file\0${entry.saveAs}`, entry.line, ['saveAs', 'writes the same file as line']);
    return { entry, task, outDir, journalKey };
  });
}
