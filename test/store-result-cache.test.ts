/**
 * The result cache in front of the store, the key builder, and the factory's start-up line.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CachedSegmentation,
  type ConversationStore,
  createConversationStore,
  KeyBuilder,
  MemoryConversationStore,
  type ResultKey,
  SegmentationCache,
  stateUnavailable,
} from '../src/cache/index.js';
import { silentLogger } from '../src/logger.js';

const imageHash = createHash('sha256').update('a slice').digest('hex');
const key: ResultKey = { imageHash, modelVersion: 'organ-seg-v1', slice: 0 };

function segmentation(fill: number): CachedSegmentation {
  return { width: 16, height: 16, labels: new Uint8Array(256).fill(fill) };
}

describe('SegmentationCache', () => {
  it('runs the model once for concurrent askers and then serves from memory, then from the store', async () => {
    const store = new MemoryConversationStore();
    const cache = new SegmentationCache({ store });
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return segmentation(1);
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.getOrCompute(key, compute)));
    expect(runs).toBe(1);
    expect(answers.every((a) => a.result.labels[0] === 1)).toBe(true);
    expect((await cache.getOrCompute(key, compute)).source).toBe('memory');

    // Another process (or this one after a restart) with the same store: no model run either.
    const replica = new SegmentationCache({ store });
    const fromStore = await replica.getOrCompute(key, compute);
    expect(fromStore.source).toBe('store');
    expect(fromStore.result.labels).toEqual(segmentation(1).labels);
    expect(runs).toBe(1);

    // A different slice is a different result.
    expect((await cache.getOrCompute({ ...key, slice: 1 }, compute)).source).toBe('computed');
    expect(runs).toBe(2);
  });

  it('still answers when the store is unavailable', async () => {
    const failing = {
      getResult: async () => {
        throw stateUnavailable(new Error('connection refused'));
      },
      putResult: async () => {
        throw stateUnavailable(new Error('connection refused'));
      },
    } as unknown as ConversationStore; // only the two methods the cache calls
    const cache = new SegmentationCache({ store: failing });
    const answer = await cache.getOrCompute(key, async () => segmentation(4));
    expect(answer).toMatchObject({ source: 'computed' });
    expect(answer.result.labels[0]).toBe(4);
    expect(await cache.get(key)).toBeDefined();
  });

  it('keeps memory bounded and falls back to the store for evicted results', async () => {
    const store = new MemoryConversationStore();
    // Room for about two 256-byte label maps (each counted with 1 KiB of overhead).
    const cache = new SegmentationCache({ store, maxBytes: 2 * 1280 + 100 });
    for (let slice = 0; slice < 4; slice++) await cache.put({ ...key, slice }, segmentation(slice));
    let runs = 0;
    const answer = await cache.getOrCompute({ ...key, slice: 0 }, async () => {
      runs++;
      return segmentation(9);
    });
    expect(answer.source).toBe('store');
    expect(answer.result.labels[0]).toBe(0);
    expect(runs).toBe(0);
  });
});

describe('KeyBuilder', () => {
  const keys = new KeyBuilder('organ-seg');

  it('namespaces every key under the prefix and escapes separators in ids', () => {
    const conv = {
      platform: 'teams' as const,
      workspace: 'tenant',
      channel: '19:abc@thread.v2',
      thread: 'x*',
    };
    expect(keys.conversation(conv)).toBe('organ-seg:conv:teams:tenant:19%3Aabc%40thread.v2:x%2A');
    expect(keys.conversationKeys(conv).every((k) => k.startsWith('organ-seg:'))).toBe(true);
    // A thread's keys never include the channel leaderboard; the channel's do.
    expect(keys.conversationKeys(conv)).not.toContain(keys.leaderboard(conv));
    expect(keys.conversationKeys({ ...conv, thread: undefined })).toContain(keys.leaderboard(conv));
    expect(keys.leaderboard(conv)).toBe(keys.leaderboard({ ...conv, thread: 'other' }));
  });

  it('takes only sha256 digests for content-addressed keys', () => {
    expect(() => keys.blob('../../etc/passwd')).toThrow(RangeError);
    expect(keys.blob(imageHash)).toBe(`organ-seg:blob:${imageHash}`);
  });
});

describe('createConversationStore', () => {
  it('says which store it picked and never prints a password', async () => {
    const memory = createConversationStore({ logger: silentLogger });
    expect(memory.description).toBe('state: in memory (lost on restart; set REDIS_URL to keep it)');
    await memory.store.close();

    const redis = createConversationStore({
      redisUrl: 'redis://bot:s3cret@127.0.0.1:1/2',
      prefix: 'organ-seg',
      logger: silentLogger,
    });
    expect(redis.description).toBe('state: Redis at redis://127.0.0.1:1/2 (prefix organ-seg)');
    expect(redis.description).not.toContain('s3cret');
    await redis.store.close();
  });
});
