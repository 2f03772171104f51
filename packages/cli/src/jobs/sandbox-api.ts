// The only module that names the sandbox's API, for the `sandbox` and `demo` commands.
import type { Sandbox, SandboxOptions } from '@exportkit/sandbox';

export type { Sandbox };

/**
 * Loaded on demand: the sandbox brings PDF, spreadsheet and archive writers
 * that `exportkit omni` and friends never need, so they start faster without it.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await import('@exportkit/sandbox');
  return sandbox.startSandbox(options);
}
