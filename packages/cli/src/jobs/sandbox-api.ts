// The only module that names the sandbox's API, for the `sandbox` and `demo` commands.
import type { Sandbox, SandboxOptions } from '@exportkit/sandbox';
import { UsageError } from '../exit/usage-error.js';

export type { Sandbox };

/**
 * Loaded on demand, and an optional peer: the sandbox brings PDF, spreadsheet
 * and archive writers that exporting from the real vendors never needs, so
 * `npm i @exportkit/cli` does not install them. Without it, `demo` and
 * `sandbox` say in one line what to install.
 */
export async function startSandbox(options: SandboxOptions): Promise<{ sandbox: Sandbox; description: string }> {
  let module: typeof import('@exportkit/sandbox');
  try {
    module = await import('@exportkit/sandbox');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new UsageError('@exportkit/sandbox', 'is not installed: run `npm install @exportkit/sandbox` beside @exportkit/cli for `exportkit demo` and `exportkit sandbox`');
  }
  const sandbox = await module.startSandbox(options);
  return { sandbox, description: module.describeSandbox(sandbox) };
}
