import type { FaultName, FaultStage, Vendor } from './fault-names.js';

export interface FaultDescription {
  /** What the client sees. */
  effect: string;
  /** The stages at which the fault can fire; a rule never fires elsewhere. */
  stages: readonly FaultStage[];
  /** The vendors it applies to. */
  vendors: readonly Vendor[];
}

const ALL: readonly Vendor[] = ['omni', 'videodb', 'closient'];
const ANY_STAGE: readonly FaultStage[] = ['start', 'poll', 'download'];
const JSON_STAGES: readonly FaultStage[] = ['start', 'poll'];

/** The documentation of every fault, and the source of truth for where each applies. */
export const FAULT_CATALOG: Record<FaultName, FaultDescription> = {
  'rate-limit-retry-after-seconds': {
    effect: '429 with `Retry-After: <seconds>` (the rule\'s retryAfterSeconds, default 1) and the vendor\'s error body.',
    stages: ANY_STAGE,
    vendors: ALL,
  },
  'rate-limit-retry-after-date': {
    effect: '429 with `Retry-After` as an HTTP date, retryAfterSeconds after the sandbox clock.',
    stages: ANY_STAGE,
    vendors: ALL,
  },
  'rate-limit-no-retry-after': { effect: '429 with no Retry-After header.', stages: ANY_STAGE, vendors: ALL },
  'server-error-500': { effect: '500 with an HTML body (as a proxy or crashed app sends).', stages: ANY_STAGE, vendors: ALL },
  'server-error-502': { effect: '502 with an HTML body (a gateway error).', stages: ANY_STAGE, vendors: ALL },
  'server-error-503': { effect: '503 with an HTML body (maintenance, overload).', stages: ANY_STAGE, vendors: ALL },
  'connection-reset': {
    effect: 'The status line, headers and half of the body (at most 64 KiB, or the rule\'s bodyBytes) are sent, then the TCP connection is reset.',
    stages: ANY_STAGE,
    vendors: ALL,
  },
  'stalled-body': {
    effect: 'The headers and half of the body (at most 64 KiB, or the rule\'s bodyBytes) are sent, then nothing until the client gives up (or stallMs passes, then the connection is closed).',
    stages: ANY_STAGE,
    vendors: ALL,
  },
  'silent-answer': {
    effect: 'The request is read and nothing is answered: no status line, no headers (a storage host that accepted the connection and hangs); the connection is closed after the rule\'s stallMs, else when the client gives up.',
    stages: ['download'],
    vendors: ALL,
  },
  'truncated-body': {
    effect: 'The full Content-Length is announced, half of the body (at most 64 KiB, or the rule\'s bodyBytes) is sent, then the connection is closed cleanly.',
    stages: ANY_STAGE,
    vendors: ALL,
  },
  'overlong-body': {
    effect: 'The file is sent chunked (no Content-Length) with more bytes after its end: only the size the vendor announced (Closient `file_size_bytes`) can tell.',
    stages: ['download'],
    vendors: ['closient'],
  },
  'replaced-mid-transfer': {
    effect: 'The signed-URL origin serves another version of the object (the same size, other bytes, another strong ETag) and stops partway, as stalled-body (closed after the rule\'s stallMs); the object was replaced meanwhile, so a resume with `If-Range` of that ETag gets the whole current file (200).',
    stages: ['download'],
    vendors: ['videodb', 'closient'],
  },
  'invalid-json': { effect: '200 with Content-Type application/json and a body that is not JSON.', stages: JSON_STAGES, vendors: ALL },
  'unknown-status': {
    effect: 'The job status carries a value the spec does not list (Omni `queued`, VideoDB `uploading`, Closient `archiving`).',
    stages: ['poll'],
    vendors: ALL,
  },
  'expired-signed-url': {
    effect: 'At poll: the download_url handed out has already expired. At download: the signed-URL origin answers 403 as for an expired URL.',
    stages: ['poll', 'download'],
    vendors: ['videodb', 'closient'],
  },
  'download-202-after-complete': {
    effect: 'Omni\'s download-file endpoint answers 202 (still in progress) although the status said complete.',
    stages: ['download'],
    vendors: ['omni'],
  },
  'job-fails': {
    effect: 'The job ends failed (Omni `error`, VideoDB `failed`/`error`, Closient `failed`). At start the new job will fail; at poll or download the job fails now.',
    stages: ANY_STAGE,
    vendors: ALL,
  },
};
