/**
 * The Redis seam: `RedisClientLike` names exactly the commands the store sends (bullmq
 * `interfaces/redis-client.ts`), and `NodeRedisClient` implements it over node-redis with the
 * connection behaviour a chat bot needs: never crash on an unreachable server, fail fast while
 * disconnected instead of queueing, reconnect by itself with backoff.
 */
import { createHash } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';
import type { Logger } from '../logger.js';

/** A Lua script sent by SHA1 (EVALSHA), falling back to EVAL after a server restart empties the cache. */
export interface LuaScript {
  name: string;
  source: string;
  sha1: string;
}

export function defineScript(name: string, source: string): LuaScript {
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}

export type RedisValue = string | Uint8Array;

export interface SetOptions {
  ttlSeconds: number;
  onlyIfAbsent?: boolean;
  /** Overrides the command timeout (large image bytes take longer than a state write). */
  timeoutMs?: number;
}

export interface EvalOptions {
  /** Bulk replies as bytes rather than UTF-8 text. */
  binary?: boolean;
  /** Overrides the command timeout. */
  timeoutMs?: number;
}

export interface RedisClientLike {
  /** GET as UTF-8 text. */
  get(key: string): Promise<string | null>;
  /** SET key value EX ttl [NX]; false when NX found the key already there. */
  set(key: string, value: RedisValue, options: SetOptions): Promise<boolean>;
  /** EXPIRE; false when the key does not exist. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  /** DEL; the number of keys removed. */
  del(keys: string[]): Promise<number>;
  /** HGET as UTF-8 text. */
  hGet(key: string, field: string): Promise<string | null>;
  /** HMGET as UTF-8 text. */
  hmGet(key: string, fields: string[]): Promise<(string | null)[]>;
  /** ZREVRANGE key start stop WITHSCORES. */
  zRevRangeWithScores(key: string, start: number, stop: number): Promise<{ member: string; score: number }[]>;
  /** EVALSHA (EVAL on NOSCRIPT); bulk replies as text, or as bytes with `binary`. */
  evalScript(script: LuaScript, keys: string[], args: RedisValue[], options?: EvalOptions): Promise<unknown>;
  ping(): Promise<void>;
}

export interface NodeRedisClientOptions {
  /** `redis[s]://[[user][:password]@]host[:port][/db]`. */
  url: string;
  logger: Logger;
  /** A command not answered within this many ms rejects (default 2000). */
  commandTimeoutMs?: number;
  /** Connect attempt timeout in ms (default 2000). */
  connectTimeoutMs?: number;
  /** Longest wait between reconnect attempts in ms (default 2000; starts at 50 and doubles). */
  maxReconnectDelayMs?: number;
}

/** The part of a node-redis client this module drives; keeps node-redis generics out of our types. */
interface NodeRedisHandle {
  sendCommand(
    args: Array<string | Buffer>,
    options?: { typeMapping?: Record<number, unknown>; timeout?: number },
  ): Promise<unknown>;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  readonly isReady: boolean;
  readonly isOpen: boolean;
}

const BYTES_MAPPING = { [RESP_TYPES.BLOB_STRING]: Buffer };

function toArg(value: RedisValue): string | Buffer {
  return typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** The URL with any user name or password removed, for logs and the start-up line. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable Redis URL)';
  }
}

export class NodeRedisClient implements RedisClientLike {
  readonly #client: NodeRedisHandle;
  readonly #logger: Logger;
  readonly #where: string;
  readonly #commandTimeoutMs: number;
  #closed = false;
  /** Log one warning per outage, not one per reconnect attempt. */
  #outageLogged = false;

  constructor(options: NodeRedisClientOptions) {
    this.#logger = options.logger;
    this.#where = redactRedisUrl(options.url);
    const maxDelay = options.maxReconnectDelayMs ?? 2000;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.#client = createClient({
      url: options.url,
      // RESP2 replies are the same on every server version (the CI's Debian package may be old).
      RESP: 2,
      // Without this, commands issued while disconnected wait in a queue until Redis comes back,
      // and a user waits with them; we would rather say "temporarily unavailable" at once.
      disableOfflineQueue: true,
      commandOptions: { timeout: this.#commandTimeoutMs },
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 2000,
        // Never give up: exponential backoff with jitter, capped, forever.
        reconnectStrategy: (retries: number) =>
          Math.min(50 * 2 ** Math.min(retries, 10), maxDelay) + Math.floor(Math.random() * 50),
      },
    }) as unknown as NodeRedisHandle; // node-redis's generic client type narrowed to what we call (see NodeRedisHandle)
    // An 'error' event with no listener would crash the process: every disconnect emits one.
    this.#client.on('error', (error: Error) => {
      if (this.#outageLogged) return;
      this.#outageLogged = true;
      this.#logger.warn(
        { err: error.message, redis: this.#where },
        'Redis unavailable; retrying in the background',
      );
    });
    this.#client.on('ready', () => {
      if (this.#outageLogged) this.#logger.info({ redis: this.#where }, 'Redis reconnected');
      else this.#logger.debug({ redis: this.#where }, 'Redis connected');
      this.#outageLogged = false;
    });
    // Connect in the background: start-up and requests never wait on an absent Redis.
    this.#client.connect().catch((error: unknown) => {
      if (!this.#closed)
        this.#logger.error({ err: String(error), redis: this.#where }, 'Redis connection gave up');
    });
  }

  get isReady(): boolean {
    return this.#client.isReady;
  }

  /** Resolves once connected; rejects after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.#client.isReady) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`Redis at ${this.#where} not ready after ${timeoutMs} ms`));
      }, timeoutMs);
      const poll = setInterval(() => {
        if (this.#client.isReady) {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
  }

  async get(key: string): Promise<string | null> {
    return (await this.#send(['GET', key])) as string | null;
  }

  async set(key: string, value: RedisValue, options: SetOptions): Promise<boolean> {
    const args = ['SET', key, toArg(value), 'EX', String(options.ttlSeconds)];
    if (options.onlyIfAbsent) args.push('NX');
    return (await this.#send(args, { timeoutMs: options.timeoutMs })) !== null;
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.#send(['EXPIRE', key, String(ttlSeconds)])) === 1;
  }

  async del(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return (await this.#send(['DEL', ...keys])) as number;
  }

  async hGet(key: string, field: string): Promise<string | null> {
    return (await this.#send(['HGET', key, field])) as string | null;
  }

  async hmGet(key: string, fields: string[]): Promise<(string | null)[]> {
    return (await this.#send(['HMGET', key, ...fields])) as (string | null)[];
  }

  async zRevRangeWithScores(
    key: string,
    start: number,
    stop: number,
  ): Promise<{ member: string; score: number }[]> {
    // RESP2: a flat [member, score, member, score, ...] array with scores as text.
    const flat = (await this.#send([
      'ZREVRANGE',
      key,
      String(start),
      String(stop),
      'WITHSCORES',
    ])) as string[];
    const entries: { member: string; score: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      entries.push({ member: flat[i] as string, score: Number(flat[i + 1]) });
    return entries;
  }

  async evalScript(
    script: LuaScript,
    keys: string[],
    args: RedisValue[],
    options: EvalOptions = {},
  ): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args.map(toArg)];
    try {
      return await this.#send(['EVALSHA', script.sha1, ...tail], options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.#send(['EVAL', script.source, ...tail], options);
    }
  }

  async ping(): Promise<void> {
    await this.#send(['PING']);
  }

  /** Closes the connection without waiting for replies; pending commands reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.isOpen) this.#client.destroy();
  }

  #send(args: Array<string | Buffer>, options: EvalOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    const reply = this.#client.sendCommand(args, {
      ...(options.binary ? { typeMapping: BYTES_MAPPING } : {}),
      timeout: timeoutMs,
    });
    // node-redis times a command out only while it waits to be written; once on the wire it waits
    // for the socket to close. A server that stops answering (SIGSTOP, a partition without RST)
    // would hold the user's request for minutes, so the reply is raced against a timer too.
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer ${String(args[0])} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    // The abandoned reply may still reject later (when the socket finally closes); nobody awaits it.
    reply.catch(() => {});
    return Promise.race([reply, expiry]).finally(() => clearTimeout(timer));
  }
}
