// A real npm registry on 127.0.0.1 for the length of one script: Verdaccio
// (a devDependency) as a child process, with its storage, config and user in
// a throwaway folder. It proxies nothing (no uplinks), so a package it serves
// is one published to it. Stopped by PID, also when the script fails or is
// interrupted.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
// testkit's helper by path: the repo's scripts are not a workspace package.
import { freePort } from '../../packages/testkit/src/free-port.js';

const require = createRequire(import.meta.url);
const VERDACCIO_BIN = join(require.resolve('verdaccio/package.json'), '..', 'bin', 'verdaccio');
// Verdaccio starts in about 3 s on an idle machine; far longer on a loaded CI box.
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000;

function writeConfig(dir) {
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  return config;
}

/**
 * One JSON request on a fresh connection. Not fetch: Verdaccio closes idle
 * keep-alive sockets, and a pooled socket it has closed fails the next request
 * with EPIPE.
 */
export function registryRequest(method, url, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode, body: json, text });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${url}: no answer in 10 s`)));
    req.once('error', reject);
    req.end(payload);
  });
}

async function waitUntilUp(url, child, logFile) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode} at startup:\n${readFileSync(logFile, 'utf8')}`);
    try {
      if ((await registryRequest('GET', `${url}-/ping`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within ${STARTUP_TIMEOUT_MS / 1000} s:\n${readFileSync(logFile, 'utf8')}`);
}

/** Adds a user (what `npm adduser` does) and returns its token, for publishing. */
async function addUser(url) {
  const name = 'exportkit-release-check';
  const { status, body, text } = await registryRequest('PUT', `${url}-/user/org.couchdb.user:${name}`, {
    name,
    password: `pw-${process.pid}-${Date.now()}`,
  });
  if (![200, 201].includes(status) || typeof body?.token !== 'string') throw new Error(`verdaccio refused to add a user: ${status} ${text}`);
  return body.token;
}

/**
 * Starts Verdaccio with its files under `dir`. Returns its `url` (ending in
 * `/`), a publish `token`, the `npmrc` lines that route `@exportkit` to it with
 * that token, and `stop()`.
 */
export async function startLocalRegistry(dir) {
  mkdirSync(dir, { recursive: true });
  const config = writeConfig(dir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const logFile = join(dir, 'verdaccio.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [VERDACCIO_BIN, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Last resort when the script dies without reaching stop(): synchronous, by PID.
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const onSignal = (signal) => {
    killOnExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const stop = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    process.off('exit', killOnExit);
    log.end();
  };

  try {
    await waitUntilUp(url, child, logFile);
    const token = await addUser(url);
    const npmrc = `@exportkit:registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`;
    console.log(`verdaccio (pid ${child.pid}) at ${url}, storage ${join(dir, 'storage')}`);
    return { url, token, npmrc, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
