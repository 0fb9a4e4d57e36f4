/**
 * Per-user and per-channel rate limits through the real bot: the request over the limit gets a clear
 * `rate_limited` reply saying when to try again, other users and channels are not affected, and the
 * next window is served again. Run on the memory store and on Redis (when it answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type OrganSegBot } from '../src/bot/bot.js';
import type { ConversationKey, Reply } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { RedisConversationStore } from '../src/cache/redis-store.js';
import type { ConversationStore } from '../src/cache/store.js';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode } from '../src/errors.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { message, ORACLE_MODEL } from './helpers/bot-harness.js';
import {
  connectRawClient,
  deleteKeysWithPrefix,
  randomPrefix,
  redisAnswers,
  SHARED_REDIS_URL,
} from './helpers/redis.js';

const redisUp = await redisAnswers(SHARED_REDIS_URL);
if (!redisUp) console.warn(`[faults-rate-limit] no Redis at ${SHARED_REDIS_URL}: Redis variant skipped`);

const prefix = randomPrefix('ratelimit');
const backends: Array<{ name: string; make: () => ConversationStore; skip: boolean }> = [
  { name: 'memory', make: () => new MemoryConversationStore(), skip: false },
  {
    name: 'redis',
    make: () => new RedisConversationStore({ url: SHARED_REDIS_URL, prefix }),
    skip: !redisUp,
  },
];

afterAll(async () => {
  if (!redisUp) return;
  const client = await connectRawClient(SHARED_REDIS_URL);
  await deleteKeysWithPrefix(client, prefix);
  await client.quit();
});

describe.each(backends)('rate limits on the $name store', ({ make, skip }) => {
  let store: ConversationStore;
  let bot: OrganSegBot;
  // The bot's clock, moved by hand; a window starts at a whole minute so no test straddles two.
  let clock = 0;

  beforeAll(async () => {
    if (skip) return;
    store = make();
    // Requests sent before the first connection are refused at once by design; wait for it.
    if (store instanceof RedisConversationStore) await store.ready();
    const resolver = createQuestionResolver();
    bot = createBot({
      pipeline: new Pipeline({ modelPath: ORACLE_MODEL, inputLimits: DEFAULT_INPUT_LIMITS, resolver }),
      resolver,
      store,
      now: () => clock,
      rateLimits: { userPerMinute: 3, channelPerMinute: 5 },
    });
  });

  afterAll(async () => {
    await bot?.close();
    await store?.close();
  });

  const channel = (id: string): ConversationKey => ({
    platform: 'slack',
    workspace: `T-${prefix}`,
    channel: id,
  });
  const ask = async (key: ConversationKey, user: string): Promise<Reply> => {
    const [reply] = await bot.handle(message(key, 'help', undefined, user));
    if (!reply) throw new Error('no reply');
    return reply;
  };

  it.skipIf(skip)(
    'the user over the per-user limit gets a clear rate_limited reply, then is served next minute',
    async () => {
      clock = Math.ceil(Date.now() / 60_000) * 60_000 + 1000;
      const key = channel('C-user');
      for (let i = 0; i < 3; i++) expect((await ask(key, 'U-fast')).kind).toBe('help');
      const limited = await ask(key, 'U-fast');
      expect(limited).toMatchObject({ kind: 'error', errorCode: ErrorCode.RateLimited });
      expect(limited.text).toMatch(
        /You are sending requests faster than I can answer\. Please try again in \d+ s\./,
      );
      // The limit is per user: another user in the same channel is still answered.
      expect((await ask(key, 'U-other')).kind).toBe('help');
      clock += 60_000;
      expect((await ask(key, 'U-fast')).kind).toBe('help');
    },
  );

  it.skipIf(skip)(
    'a busy channel over the per-channel limit is told so; other channels are not affected',
    async () => {
      clock = Math.ceil(Date.now() / 60_000) * 60_000 + 5 * 60_000;
      const key = channel('C-busy');
      // Five users, one message each: the channel's five.
      for (let i = 0; i < 5; i++) expect((await ask(key, `U-${i}`)).kind).toBe('help');
      const limited = await ask(key, 'U-5');
      expect(limited).toMatchObject({ kind: 'error', errorCode: ErrorCode.RateLimited });
      expect(limited.text).toMatch(/This channel is sending requests faster than I can answer/);
      expect((await ask(channel('C-quiet'), 'U-6')).kind).toBe('help');
    },
  );
});
