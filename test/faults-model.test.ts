/**
 * The model file missing or corrupt: the user gets a clear coded reply (never a stack trace), the
 * upload is kept, and once the file is back the next question works without a restart, because the
 * pipeline forgets a failed model load and tries again.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type OrganSegBot } from '../src/bot/bot.js';
import type { ConversationKey, Reply } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode } from '../src/errors.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { message, ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';

const dirs: string[] = [];
const bots: OrganSegBot[] = [];

afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function botOn(modelPath: string): { bot: OrganSegBot; pipeline: Pipeline } {
  const resolver = createQuestionResolver();
  const pipeline = new Pipeline({ modelPath, inputLimits: DEFAULT_INPUT_LIMITS, resolver });
  const bot = createBot({
    pipeline,
    resolver,
    store: new MemoryConversationStore(),
    rateLimits: { userPerMinute: 1000, channelPerMinute: 1000 },
  });
  bots.push(bot);
  return { bot, pipeline };
}

/** Installs the oracle model and its JSON sidecar (the model card) as `path`. */
function installModel(path: string): void {
  copyFileSync(ORACLE_MODEL, path);
  copyFileSync(ORACLE_MODEL.replace(/\.onnx$/, '.json'), path.replace(/\.onnx$/, '.json'));
}

function modelDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'organ-seg-model-'));
  dirs.push(dir);
  return dir;
}

const key: ConversationKey = { platform: 'web', workspace: 'local', channel: 'faults-model' };

function expectClearError(reply: Reply | undefined, code: ErrorCode): void {
  expect(reply).toMatchObject({ kind: 'error', errorCode: code });
  expect(reply?.text).not.toMatch(/\bat .*\.[jt]s:\d+|onnxruntime|Error:/);
  expect(reply?.text.length).toBeGreaterThan(20);
}

describe('model file faults', () => {
  it('missing model: a clear model_unavailable reply, then answers once the file is installed', async () => {
    const dir = modelDir();
    const path = join(dir, 'organ-seg.onnx');
    const { bot } = botOn(path);
    const png = await oraclePng();
    const [first] = await bot.handle(
      message(key, 'Which organ stores bile?', { name: 'slice.png', bytes: png }),
    );
    expectClearError(first, ErrorCode.ModelUnavailable);
    expect(first?.text).toMatch(/models\/README\.md/); // says what an administrator must do

    installModel(path);
    // No restart, no new upload: the slice was kept and the model is loaded on this turn.
    const [second] = await bot.handle(message(key, 'Which organ stores bile?'));
    expect(second?.kind).toBe('answer');
    expect(second?.answer?.letters).toEqual(['I']);
    expect(second?.image?.png.length).toBeGreaterThan(0);
  });

  it('corrupt model: a clear model_invalid reply, then answers once a good file replaces it', async () => {
    const dir = modelDir();
    const path = join(dir, 'organ-seg.onnx');
    writeFileSync(path, Buffer.from('this is not an ONNX graph, it was cut short by a failed copy'));
    const { bot } = botOn(path);
    const [first] = await bot.handle(message(key, '', { name: 'slice.png', bytes: await oraclePng() }));
    expectClearError(first, ErrorCode.ModelInvalid);
    // Asking again while it is still broken gives the same clear answer, not a cached crash.
    const [again] = await bot.handle(message(key, 'show the liver'));
    expectClearError(again, ErrorCode.ModelInvalid);

    installModel(path);
    const [fixed] = await bot.handle(message(key, 'show the liver'));
    expect(fixed?.kind).toBe('answer');
    expect(fixed?.answer?.letters).toEqual(['A']);
  });

  it('the model file deleted after it loaded: the loaded session keeps answering', async () => {
    const dir = modelDir();
    const path = join(dir, 'organ-seg.onnx');
    installModel(path);
    const { bot } = botOn(path);
    const [first] = await bot.handle(
      message(key, 'Which organ stores bile?', { name: 'slice.png', bytes: await oraclePng() }),
    );
    expect(first?.answer?.letters).toEqual(['I']);
    rmSync(path);
    rmSync(path.replace(/\.onnx$/, '.json'));
    const [second] = await bot.handle(message(key, 'show the spleen'));
    expect(second?.answer?.letters).toEqual(['C']);
  });
});

let cachedPng: Buffer | undefined;
async function oraclePng(): Promise<Buffer> {
  cachedPng ??= await oracleSlicePng();
  return cachedPng;
}
