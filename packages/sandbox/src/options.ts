import type { FaultRule } from './faults/fault-rule.js';
import type { Vendor } from './faults/fault-names.js';

/** A value for every vendor, or one per vendor (missing vendors get the default). */
export type PerVendor<T> = T | Partial<Record<Vendor, T>>;

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** The main origin (vendor APIs). Default 0: an ephemeral port. */
  port?: number;
  /** The signed-URL origin (object storage). Default 0: an ephemeral port. */
  storagePort?: number;
  /** How long a job takes from start to its end state, in clock milliseconds. Default 2000. */
  jobDurationMs?: PerVendor<number>;
  /** The clock every timed behaviour reads (jobs, rate-limit windows, URL expiry). Default Date.now. */
  now?: () => number;
  /** Rate limits. Omni: 60/min per key. Closient: 300/min and 10,000/day per key. VideoDB documents none. */
  rateLimits?: {
    omni?: { perMinute?: number };
    closient?: { perMinute?: number; perDay?: number };
  };
  /** Target size of each vendor's finished file in bytes (up to gigabytes; see README for which formats honour it). */
  fileSizes?: Partial<Record<Vendor, number>>;
  /** Fault rules active from the start (more with sandbox.addFault). */
  faults?: readonly FaultRule[];
  /** How long a signed URL stays valid after it is handed out. Default: Closient 1 h, VideoDB 24 h. */
  signedUrlTtlMs?: PerVendor<number>;
  /** Fixed API keys instead of random ones (e.g. for a long-running sandbox process). */
  apiKeys?: Partial<Record<Vendor, string>>;
  /** VideoDB's status endpoint answers two shapes; which one to send. Default 'by-state' (see README). */
  videodbStatusShape?: 'by-state' | 'async' | 'record';
}

export interface ResolvedOptions {
  host: string;
  port: number;
  storagePort: number;
  now: () => number;
  jobDurationMs: Record<Vendor, number>;
  signedUrlTtlMs: Record<Vendor, number>;
  omniPerMinute: number;
  closientPerMinute: number;
  closientPerDay: number;
  fileSizes: Partial<Record<Vendor, number>>;
  videodbStatusShape: 'by-state' | 'async' | 'record';
}

function perVendor<T>(value: PerVendor<T> | undefined, defaults: Record<Vendor, T>): Record<Vendor, T> {
  if (value === undefined) return defaults;
  if (typeof value !== 'object' || value === null) return { omni: value, videodb: value, closient: value };
  return { ...defaults, ...(value as Partial<Record<Vendor, T>>) };
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    storagePort: options.storagePort ?? 0,
    now: options.now ?? Date.now,
    jobDurationMs: perVendor(options.jobDurationMs, { omni: 2000, videodb: 2000, closient: 2000 }),
    signedUrlTtlMs: perVendor(options.signedUrlTtlMs, { omni: 3_600_000, videodb: 86_400_000, closient: 3_600_000 }),
    omniPerMinute: options.rateLimits?.omni?.perMinute ?? 60,
    closientPerMinute: options.rateLimits?.closient?.perMinute ?? 300,
    closientPerDay: options.rateLimits?.closient?.perDay ?? 10_000,
    fileSizes: options.fileSizes ?? {},
    videodbStatusShape: options.videodbStatusShape ?? 'by-state',
  };
}
