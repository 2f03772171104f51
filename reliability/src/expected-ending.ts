// What each sandbox fault must end in, per vendor and stage: the right file,
// or one named typed error. Written out so a change of behaviour fails the
// matrix instead of being accepted as "some error".
import type { FaultName, FaultStage, Vendor } from '@exportkit/sandbox';

export type ExpectedEnding = { kind: 'file' } | { kind: 'error'; code: string; name: string };

const FILE: ExpectedEnding = { kind: 'file' };

/** The typed error a non-retried transient start failure surfaces as. */
function startFailure(fault: FaultName): ExpectedEnding {
  if (fault.startsWith('server-error-')) return { kind: 'error', code: 'server_error', name: 'ServerError' };
  // A cut, stalled, short or garbled answer: the reply never arrived whole.
  return { kind: 'error', code: 'connection_error', name: 'ConnectionError' };
}

export function expectedEnding(fault: FaultName, vendor: Vendor, stage: FaultStage): ExpectedEnding {
  if (fault === 'job-fails') return { kind: 'error', code: 'job_failed', name: 'JobFailedError' };
  // More bytes than the vendor announced: the file is refused, never written (size_mismatch).
  if (fault === 'overlong-body') return { kind: 'error', code: 'download_error', name: 'DownloadError' };
  // A 429 refused the call, so nothing was created: every start retries it.
  if (fault.startsWith('rate-limit-')) return FILE;
  // Starting twice makes two exports: VideoDB and Closient starts are sent
  // once (only a 429 is retried), so a transient failure there is reported.
  // Omni's start is safe to repeat (a second one answers 409 with the job).
  if (stage === 'start' && vendor !== 'omni') return startFailure(fault);
  return FILE;
}
