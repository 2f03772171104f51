// A real redis-server for tests, benchmarks and fleet scripts: started as a
// plain process (nothing here runs Redis as a service) in its own temp dir, on
// a free 127.0.0.1 port, stopped by PID. Plain JavaScript (with a .d.ts beside
// it) so that the TypeScript tests, the .mjs benchmarks and child-process
// worker scripts can all import it.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const INSTALL_HINT = 'redis-server not found: install it (Debian/Ubuntu: sudo apt-get install -y redis-server) and run again';

/** Every server this process started and has not stopped: killed if the process exits first. */
const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // An exit hook can only do synchronous work: SIGKILL is all that is left.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The path of `redis-server`. Where it is missing and this process is root
 * (a fresh CI machine), it is installed from Debian with apt-get; otherwise
 * this throws a one-line instruction. Fleet tests never skip silently.
 */
export function findRedisServer() {
  // Debian installs it in /usr/bin; sbin-less PATHs are common in containers, so look there too.
  const found = process.env.REDIS_SERVER_BIN ?? onPath('redis-server') ?? (isExecutable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (found) return found;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !onPath('apt-get')) throw new Error(INSTALL_HINT);
  process.stderr.write('redis-server is missing: installing it with apt-get (once per machine)\n');
  // Another process may hold the dpkg lock (a parallel set-up): wait for it rather than fail.
  const apt = (args) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'redis-server']);
  const installed = onPath('redis-server') ?? (isExecutable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (!installed) throw new Error(`apt-get ran but ${INSTALL_HINT}`);
  return installed;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}


/** One PING over a raw socket: true on +PONG (a server still loading its AOF answers -LOADING). */
function ping(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts redis-server on 127.0.0.1 (a free port unless `port` is given) in a
 * fresh temp dir, with `--save '' --appendonly yes` (no RDB snapshots; every
 * write in the append-only file, so a `kill9()` + `restart()` keeps what the
 * server acknowledged). Resolves once it answers PING.
 */
export async function startRedisServer(options = {}) {
  const binary = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'exportkit-redis-'));
  let port = options.port ?? (await freePort());
  let child;
  let log = '';
  let stopped = false;

  const launch = async () => {
    log = '';
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--daemonize', 'no', '--logfile', '', '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keepTail = (chunk) => {
      log = (log + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keepTail);
    child.stderr.on('data', keepTail);
    running.add(child);
    installExitHook();
    const mine = child;
    mine.once('exit', () => running.delete(mine));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (mine.exitCode !== null || mine.signalCode !== null) {
        throw new Error(`redis-server exited at start (port ${port}): ${log.trim().split('\n').at(-1) ?? ''}`);
      }
      if (await ping(port)) return;
      await delay(25);
    }
    mine.kill('SIGKILL');
    await exited(mine);
    throw new Error(`redis-server did not answer PING within ${READY_TIMEOUT_MS} ms (port ${port}): ${log.trim().split('\n').at(-1) ?? ''}`);
  };

  // A free port can be taken between the probe and the bind: try another, a bounded number of times.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      const portTaken = /address already in use/i.test(log);
      if (!portTaken || options.port !== undefined || attempt >= 5) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }

  const terminate = async (signal) => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) return;
    current.kill(signal);
    const stopped = await Promise.race([exited(current).then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      current.kill('SIGKILL');
      await exited(current);
    }
  };

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get pid() {
      return child.pid;
    },
    dir,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    log: () => log,
    async kill9() {
      await terminate('SIGKILL');
    },
    async restart() {
      if (stopped) throw new Error('redis-server was stopped (its dir is gone): start a new one');
      if (this.running) throw new Error('redis-server is still running: kill9() it before restart()');
      await launch();
    },
    async stop() {
      stopped = true;
      await terminate('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
