// The local npm registry of pnpm check:release: a real Verdaccio that takes a
// publish from npm and serves it back by name and version, and that no way of
// ending the script leaves running.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registryRequest, startLocalRegistry } from '../check-lib/local-registry.mjs';

const LIB = resolve(import.meta.dirname, '../check-lib/local-registry.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'exportkit-registry-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether the process is gone within a few seconds (a killed process takes a moment to be reaped). */
async function goneSoon(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Runs a script that starts the registry, prints its pid, then ends as `ending` says; returns the pid and the exit. */
function startAndEnd(ending: string): Promise<{ pid: number; code: number | null; signal: string | null }> {
  const script = join(scratch, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    script,
    `import { startLocalRegistry } from ${JSON.stringify(LIB)};\n` +
      `const registry = await startLocalRegistry(${JSON.stringify(join(scratch, 'r'))} + Math.random());\n` +
      `console.log('PID ' + registry.pid);\n${ending}\n`,
  );
  return new Promise((done) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The "interrupted" case waits for this signal once the pid is out.
      if (ending.includes('setInterval') && /PID \d+/.test(out)) child.kill('SIGINT');
    });
    child.once('exit', (code, signal) => done({ pid: Number(/PID (\d+)/.exec(out)?.[1]), code, signal }));
  });
}

describe('the local registry', { timeout: 120_000 }, () => {
  it('takes an npm publish and serves the package by name and version, then stops by pid', async () => {
    const registry = await startLocalRegistry(join(scratch, 'publish'));
    try {
      expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const pkg = join(scratch, 'pkg');
      mkdirSync(pkg);
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@exportkit/registry-probe', version: '1.2.3' }));
      writeFileSync(join(pkg, 'index.js'), 'export {};\n');
      const npmrc = join(scratch, 'npmrc');
      writeFileSync(npmrc, registry.npmrc);
      const env = { ...process.env, npm_config_userconfig: npmrc, npm_config_cache: join(scratch, 'npm-cache'), npm_config_update_notifier: 'false' };
      const published = spawnSync('npm', ['publish', '--loglevel=error'], { cwd: pkg, env, encoding: 'utf8' });
      expect(published.status, published.stderr).toBe(0);
      const { status, body } = await registryRequest('GET', `${registry.url}@exportkit%2fregistry-probe`);
      expect(status).toBe(200);
      expect(Object.keys(body.versions)).toEqual(['1.2.3']);
      // It proxies nothing: a package never published to it is not there.
      expect((await registryRequest('GET', `${registry.url}typescript`)).status).toBe(404);
    } finally {
      await registry.stop();
    }
    expect(isRunning(registry.pid)).toBe(false); // stop() resolves once it has exited
  });

  it('is gone when the script throws after starting it', async () => {
    const ended = await startAndEnd("throw new Error('the release failed');");
    expect(ended.pid).toBeGreaterThan(0);
    expect(ended.code).toBe(1);
    expect(await goneSoon(ended.pid)).toBe(true);
  });

  it('is gone when the script is interrupted (SIGINT)', async () => {
    const ended = await startAndEnd('setInterval(() => {}, 1000);');
    expect(ended.pid).toBeGreaterThan(0);
    expect(ended.code).toBe(130);
    expect(await goneSoon(ended.pid)).toBe(true);
  });
});
