#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { describeSandbox } from './describe-sandbox.js';
import { startSandbox } from './start-sandbox.js';

const USAGE = `Usage: exportkit-sandbox [--host 127.0.0.1] [--port 0] [--storage-port 0] [--job-duration-ms 2000]

Runs the Omni, VideoDB and Closient emulator until interrupted.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'storage-port': { type: 'string' },
      'job-duration-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
    return parsed;
  };
  const port = number('port', values.port);
  const storagePort = number('storage-port', values['storage-port']);
  const jobDurationMs = number('job-duration-ms', values['job-duration-ms']);
  const sandbox = await startSandbox({
    ...(values.host ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(storagePort !== undefined ? { storagePort } : {}),
    ...(jobDurationMs !== undefined ? { jobDurationMs } : {}),
  });
  console.log(describeSandbox(sandbox));
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
