/**
 * The state layer's front door: `createConversationStore` picks Redis when a URL is configured and
 * the in-memory store otherwise, and says which in one start-up line.
 */
import type { Logger } from '../logger.js';
import { MemoryConversationStore, type MemoryStoreOptions } from './memory-store.js';
import { RedisConversationStore } from './redis-store.js';
import type { ConversationStore, StoreOptions } from './store.js';

export * from './keys.js';
export { MemoryConversationStore, type MemoryStoreOptions } from './memory-store.js';
export { redactRedisUrl } from './redis-client.js';
export { RedisConversationStore, type RedisStoreOptions } from './redis-store.js';
export { type ResultSource, SegmentationCache, type SegmentationCacheOptions } from './result-cache.js';
export * from './store.js';

export interface CreateStoreOptions extends StoreOptions {
  /** Use Redis at this URL (`REDIS_URL`); absent means the in-memory store. */
  redisUrl?: string;
  /** Key prefix (`REDIS_PREFIX`, default `organ-seg`). */
  prefix?: string;
  logger: Logger;
  /** Memory-store bounds; ignored with Redis. */
  memory?: Pick<MemoryStoreOptions, 'maxBlobBytes' | 'maxResultBytes' | 'maxConversations'>;
  /** Redis command timeout in ms (default 2000). */
  commandTimeoutMs?: number;
}

/**
 * Returns the store and its start-up line, e.g. "state: Redis at redis://127.0.0.1:6379 (prefix
 * organ-seg)" or "state: in memory (lost on restart; set REDIS_URL to keep it)". It does not wait
 * for Redis: a server that is down now answers "temporarily unavailable" until it comes back.
 */
export function createConversationStore(options: CreateStoreOptions): {
  store: ConversationStore;
  description: string;
} {
  const { redisUrl, memory, logger, commandTimeoutMs, ...common } = options;
  const store: ConversationStore = redisUrl
    ? new RedisConversationStore({
        ...common,
        url: redisUrl,
        logger: logger.child({ component: 'state' }),
        commandTimeoutMs,
      })
    : new MemoryConversationStore({ ...common, ...memory });
  return { store, description: store.description };
}
