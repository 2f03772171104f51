/** A redis-server process this test (or script) started: on 127.0.0.1, in its own temp dir. */
export interface RedisServer {
  readonly host: '127.0.0.1';
  /** The port (the same after `restart()`). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for ioredis / BullMQ. */
  readonly url: string;
  /** The PID of the current process (a new one after `restart()`). */
  readonly pid: number | undefined;
  /** Its working dir (the append-only file lives here); removed by `stop()`. */
  readonly dir: string;
  readonly running: boolean;
  /** The last few KB the server printed (warnings and errors). */
  log(): string;
  /** `kill -9`: no shutdown, no final write; the append-only file keeps what was acknowledged. */
  kill9(): Promise<void>;
  /** Starts it again on the same port and dir after `kill9()`, reloading the append-only file; resolves when it answers PING. */
  restart(): Promise<void>;
  /** SIGTERM by PID (SIGKILL after 10 s), then removes its dir. */
  stop(): Promise<void>;
}

export interface StartRedisServerOptions {
  /** A fixed port (default: a free one the OS picks). */
  port?: number;
}

/**
 * The path of `redis-server` (or `$REDIS_SERVER_BIN`); installs it with apt-get
 * when missing and running as root, otherwise throws a one-line instruction.
 */
export declare function findRedisServer(): string;

/**
 * Starts redis-server as a plain process on a free 127.0.0.1 port, in a fresh
 * temp dir, with `--save '' --appendonly yes`; resolves when it answers PING.
 * Anything still running when the process exits is killed.
 */
export declare function startRedisServer(options?: StartRedisServerOptions): Promise<RedisServer>;
