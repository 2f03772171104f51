import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, startRedisServer, type RedisServer } from '../src/redis-server.js';

/** Sends one inline command over a raw socket and returns the first reply line. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      const lines = answer.split('\r\n');
      // A bulk reply ($n) comes on two lines.
      if (lines.length > (answer.startsWith('$') && !answer.startsWith('$-1') ? 2 : 1)) {
        socket.destroy();
        resolve(answer.startsWith('$') ? (lines[1] ?? '') : (lines[0] ?? ''));
      }
    });
    socket.once('connect', () => socket.write(`${line}\r\n`));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startRedisServer', () => {
  // On a fresh machine this installs redis-server with apt-get: minutes, not a test's 20 s.
  beforeAll(() => void findRedisServer(), 600_000);
  let server: RedisServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('runs a real redis-server on 127.0.0.1 that keeps acknowledged writes across kill -9 and restart', async () => {
    server = await startRedisServer();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await command(server.port, 'CONFIG GET appendonly')).toBe('*2');
    expect(await command(server.port, 'SET fleet-test kept')).toBe('+OK');
    const firstPid = server.pid as number;

    await server.kill9();
    expect(server.running).toBe(false);
    expect(alive(firstPid)).toBe(false);
    await expect(command(server.port, 'PING')).rejects.toThrow(/ECONNREFUSED/);

    await server.restart();
    expect(server.pid).not.toBe(firstPid);
    expect(await command(server.port, 'GET fleet-test')).toBe('kept');
  });

  it('stop() ends the process by PID and removes its dir', async () => {
    server = await startRedisServer();
    const { pid, dir } = server;
    await server.stop();
    server = undefined;
    expect(alive(pid as number)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('two servers get two ports', async () => {
    server = await startRedisServer();
    const other = await startRedisServer();
    try {
      expect(other.port).not.toBe(server.port);
      expect(await command(other.port, 'PING')).toBe('+PONG');
    } finally {
      await other.stop();
    }
  });
});
