import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FiredFault } from '../faults/fault-rule.js';
import type { FaultName, FaultStage, Vendor } from '../faults/fault-names.js';

/** One request as the sandbox received it, and what it answered. */
export interface RecordedRequest {
  /** `storage` for the signed-URL origin. */
  origin: 'api' | 'storage';
  vendor?: Vendor;
  stage?: FaultStage;
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  status: number;
  fault?: FaultName;
  /** The sandbox clock when the request arrived. */
  at: number;
}

export interface RequestFilter {
  origin?: 'api' | 'storage';
  stage?: FaultStage;
  method?: string;
  status?: number;
  fault?: FaultName;
  /** A substring or pattern of the path. */
  path?: string | RegExp;
}

export function matchesFilter(request: RecordedRequest, filter: RequestFilter = {}): boolean {
  if (filter.origin !== undefined && request.origin !== filter.origin) return false;
  if (filter.stage !== undefined && request.stage !== filter.stage) return false;
  if (filter.method !== undefined && request.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  if (filter.fault !== undefined && request.fault !== filter.fault) return false;
  if (filter.path !== undefined) {
    const path = request.url.split('?')[0] ?? '';
    if (typeof filter.path === 'string' ? !path.includes(filter.path) : !filter.path.test(path)) return false;
  }
  return true;
}

/** Records a request and its answer (both origins record the same way). */
export function recordRequest(
  log: RecordedRequest[],
  req: IncomingMessage,
  fields: { origin: RecordedRequest['origin']; vendor?: Vendor; stage?: FaultStage; status: number; fired?: FiredFault; at: number },
): void {
  const { fired, vendor, stage, ...rest } = fields;
  log.push({
    ...rest,
    ...(vendor ? { vendor } : {}),
    ...(stage ? { stage } : {}),
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    ...(fired ? { fault: fired.fault } : {}),
  });
}
