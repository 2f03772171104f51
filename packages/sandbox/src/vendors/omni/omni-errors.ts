import type { OmniErrorBody } from '@exportkit/omni';
import { STATUS_CODES } from 'node:http';
import { jsonReply, type Reply } from '../../server/reply.js';

/** Omni's error body: `{ error: <HTTP reason>, message }`. */
export function omniError(status: number, message: string): Reply {
  const body: OmniErrorBody = { error: STATUS_CODES[status] ?? String(status), message };
  return jsonReply(status, body);
}
