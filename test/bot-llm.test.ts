/**
 * The optional LLM path inside the bot: the model sees the question and the slice; its letters are
 * grounded in the segmentation like the embedded resolver's, and a malformed or late answer falls
 * back to the embedded resolver with a note in the reply.
 */
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import type { ConversationKey } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { createLlmResolver } from '../src/pipeline/question/llm.js';
import { makeBot, message, oracleSlicePng, organsPainted } from './helpers/bot-harness.js';

function botWith(responses: string[], sleep?: number) {
  return makeBot(new MemoryConversationStore({}), {
    llm: (fallback) =>
      createLlmResolver({ model: new FakeListChatModel({ responses, sleep }), fallback, timeoutMs: 300 }),
  });
}

const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'llm' };

describe('bot with the LLM path', () => {
  it("uses the model's letters and grounds them in the slice", async () => {
    const bot = botWith(['{"answer":["C"],"explanation":"The spleen filters blood.","organ":"Spleen"}']);
    await bot.handle(message(key, '', { name: 's.png', bytes: await oracleSlicePng() }));
    const [reply] = await bot.handle(message(key, 'Which organ recycles old red cells?'));
    expect(reply?.answer?.letters).toEqual(['C']);
    expect(await organsPainted(reply as NonNullable<typeof reply>)).toEqual([3]);
    expect(reply?.text).not.toMatch(/built-in resolver/);
    await bot.close();
  });

  it('falls back to the embedded resolver on garbage, and says so', async () => {
    const bot = botWith(['Sure! The answer is definitely Z.']);
    await bot.handle(message(key, '', { name: 's.png', bytes: await oracleSlicePng() }));
    const [reply] = await bot.handle(message(key, 'Which organ stores bile?'));
    expect(reply?.answer?.letters).toEqual(['I']);
    expect(reply?.text).toMatch(/built-in resolver answered/);
    await bot.close();
  });

  it('falls back when the model is too slow', async () => {
    const bot = botWith(['{"answer":["A"],"explanation":"x","organ":"Liver"}'], 2000);
    const [reply] = await bot.handle(message({ ...key, channel: 'slow' }, 'which organ makes insulin?'));
    expect(reply?.answer?.letters).toEqual(['D']);
    expect(reply?.text).toMatch(/built-in resolver answered/);
    await bot.close();
  });
});
