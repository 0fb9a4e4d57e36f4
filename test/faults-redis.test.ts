/**
 * Redis killed (SIGKILL) in the middle of a conversation, through the real bot: the next message
 * gets the clear "state temporarily unavailable" reply at once (no hang, no crash), and once
 * `redis-server` is back on the same port the bot recovers by itself. Uses the test's own
 * `redis-server` on a free port, never the shared one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createBot, type OrganSegBot } from '../src/bot/bot.js';
import type { ConversationKey, Reply } from '../src/bot/types.js';
import { RedisConversationStore } from '../src/cache/redis-store.js';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode } from '../src/errors.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { message, ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';
import { freePort, hasRedisServerBinary, type PrivateRedis, startRedisServer } from './helpers/redis.js';

const haveRedisServer = hasRedisServerBinary();
if (!haveRedisServer) console.warn('[faults-redis] no redis-server binary on PATH: skipping');

const key: ConversationKey = {
  platform: 'slack',
  workspace: 'T0FAULT',
  channel: 'C0FAULT',
  thread: '1700000000.000100',
};

describe.skipIf(!haveRedisServer)('the bot when Redis dies mid-conversation', () => {
  let server: PrivateRedis | undefined;
  let store: RedisConversationStore | undefined;
  let bot: OrganSegBot | undefined;

  afterAll(async () => {
    await bot?.close();
    await store?.close();
    await server?.kill();
  });

  it('answers state_unavailable quickly while it is down, and recovers by itself after a restart', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    store = new RedisConversationStore({
      url: server.url,
      prefix: 'faults-bot',
      commandTimeoutMs: 1000,
      maxReconnectDelayMs: 200,
    });
    await store.ready();
    const resolver = createQuestionResolver();
    bot = createBot({
      pipeline: new Pipeline({ modelPath: ORACLE_MODEL, inputLimits: DEFAULT_INPUT_LIMITS, resolver }),
      resolver,
      store,
      rateLimits: { userPerMinute: 1000, channelPerMinute: 1000 },
    });
    const png = await oracleSlicePng();
    const ask = async (text: string, withFile = false): Promise<{ reply: Reply | undefined; ms: number }> => {
      const started = performance.now();
      const replies = await (bot as OrganSegBot).handle(
        message(key, text, withFile ? { name: 'slice.png', bytes: png } : undefined),
      );
      return { reply: replies[0], ms: performance.now() - started };
    };

    const before = await ask('Which organ stores bile?', true);
    expect(before.reply?.answer?.letters).toEqual(['I']);

    await server.kill();
    const during = await ask('show the liver');
    expect(during.reply).toMatchObject({ kind: 'error', errorCode: ErrorCode.StateUnavailable });
    expect(during.reply?.text).toMatch(/temporarily unavailable/);
    expect(during.reply?.text).toMatch(/send the message again/);
    expect(during.ms).toBeLessThan(3000);
    // Uploads fail the same clear way (the image cannot be stored), not with a crash.
    const uploadDuring = await ask('Which organ removes old red blood cells?', true);
    expect(uploadDuring.reply).toMatchObject({ kind: 'error', errorCode: ErrorCode.StateUnavailable });

    server = await startRedisServer(port);
    // The store reconnects in the background: within a few seconds the same bot answers again.
    // The restarted server kept nothing (no persistence), so the user uploads again.
    const deadline = Date.now() + 10_000;
    let after = await ask('Which organ removes old red blood cells?', true);
    while (after.reply?.errorCode === ErrorCode.StateUnavailable && Date.now() < deadline) {
      await sleep(100);
      after = await ask('Which organ removes old red blood cells?', true);
    }
    expect(after.reply?.kind).toBe('answer');
    expect(after.reply?.answer?.letters).toEqual(['C']);
    const followUp = await ask('show the liver');
    expect(followUp.reply?.answer?.letters).toEqual(['A']);
  }, 40_000);
});
