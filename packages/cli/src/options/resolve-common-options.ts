import { UsageError } from '../exit/usage-error.js';
import type { CommonFlags } from './common-options.js';
import { API_KEY_ENV, type VendorName } from './vendor-name.js';

/** The common flags once checked: what the export runner needs. */
export interface ExportSettings {
  vendor: VendorName;
  apiKey: string;
  baseUrl: string | undefined;
  outDir: string;
  timeoutMs: number;
  json: boolean;
  quiet: boolean;
  overwrite: boolean;
  resumeToken: string | undefined;
  /** Ignore the journal's job for this command and start a new one. */
  fresh: boolean;
}

/** The key from `--api-key`, else the vendor's environment variable; refused when neither is set. */
export function resolveApiKey(vendor: VendorName, flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const key = flag ?? env[API_KEY_ENV[vendor]];
  if (key === undefined || key.trim() === '') {
    throw new UsageError('API key', `pass --api-key or set ${API_KEY_ENV[vendor]} (for the sandbox: run \`exportkit sandbox\` to see its test keys)`);
  }
  return key.trim();
}

/** `--timeout` in seconds, as milliseconds. */
export function parseTimeoutMs(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError('--timeout', `must be a positive number of seconds, got "${text}"`);
  }
  return Math.round(seconds * 1000);
}

function checkBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('--base-url', `must be an absolute http(s) URL such as http://127.0.0.1:4010/api, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--base-url', `must be http(s), got ${url.protocol}`);
  }
  return text;
}

/** Checks the common flags; every refusal names the flag and the fix. */
export function resolveCommonOptions(vendor: VendorName, flags: CommonFlags, env: NodeJS.ProcessEnv): ExportSettings {
  return {
    vendor,
    apiKey: resolveApiKey(vendor, flags.apiKey, env),
    baseUrl: checkBaseUrl(flags.baseUrl),
    outDir: flags.out,
    timeoutMs: parseTimeoutMs(flags.timeout),
    json: flags.json === true,
    quiet: flags.quiet === true,
    overwrite: flags.overwrite === true,
    resumeToken: flags.resume,
    fresh: flags.fresh === true,
  };
}

/** The vendor client options the settings call for: the key, and the API root when one was given. */
export function vendorClientOptions(settings: ExportSettings): { apiKey: string; baseUrl?: string } {
  return settings.baseUrl === undefined ? { apiKey: settings.apiKey } : { apiKey: settings.apiKey, baseUrl: settings.baseUrl };
}
