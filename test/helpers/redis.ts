/**
 * Real Redis for tests: the shared one at REDIS_URL or 127.0.0.1:6379 (each test under its own
 * random prefix, cleaned up after), or a private `redis-server` child on a free port for tests
 * that kill or restart it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';

export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when a Redis server answers PING at `url` within `timeoutMs` (plain TCP, no client retries). */
export async function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 6379), hostname.replace(/^\[|\]$/g, ''), () => socket.write('PING\r\n'));
    // "+PONG" or "-NOAUTH ...": either way a Redis server is there; only PONG is usable without a password.
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') || url.includes('@')));
  });
}

/** A test-only key prefix nobody else uses. */
export function randomPrefix(label = 'test'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A plain node-redis client that does not reconnect, for inspecting what the store wrote. */
export async function connectRawClient(url: string) {
  const client = createClient({ url, RESP: 2, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export type RawRedisClient = Awaited<ReturnType<typeof connectRawClient>>;

/** Every key under `prefix:` (SCAN, never KEYS: the shared server may be busy). */
export async function keysWithPrefix(client: RawRedisClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = (await client.sendCommand([
      'SCAN',
      cursor,
      'MATCH',
      `${prefix}:*`,
      'COUNT',
      '500',
    ])) as [string, string[]];
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

export async function deleteKeysWithPrefix(client: RawRedisClient, prefix: string): Promise<void> {
  const keys = await keysWithPrefix(client, prefix);
  if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
}

export function hasRedisServerBinary(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** SIGSTOP: the server keeps its connections open but answers nothing (a hung host). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
}

/** Starts `redis-server` on `port` with no persistence and waits until it answers. */
export async function startRedisServer(port: number): Promise<PrivateRedis> {
  const url = `redis://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 5000;
  while (!(await redisAnswers(url, 200))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await sleep(25);
  }
  return {
    port,
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
  };
}
