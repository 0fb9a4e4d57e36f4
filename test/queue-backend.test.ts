/**
 * The queue backend and worker against a real Redis (skipped with a message when none answers):
 * a job round trip, the reply when the queue is full or no worker answers in time, and a worker's
 * coded error reaching the bot as the same friendly message without pointless retries.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RedisConversationStore } from '../src/cache/redis-store.js';
import { ErrorCode } from '../src/errors.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { QueueSegmentationBackend, SegmentationWorker } from '../src/queue/index.js';
import { ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';
import {
  connectRawClient,
  deleteKeysWithPrefix,
  randomPrefix,
  redisAnswers,
  SHARED_REDIS_URL,
} from './helpers/redis.js';

const haveRedis = await redisAnswers(SHARED_REDIS_URL);
if (!haveRedis) console.warn(`queue backend tests skipped: no Redis answers at ${SHARED_REDIS_URL}`);

describe.skipIf(!haveRedis)('queue backend and worker', () => {
  const prefixes: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  async function setup(options: { maxWaiting?: number; timeoutMs?: number } = {}) {
    const prefix = randomPrefix('queue-unit');
    prefixes.push(prefix);
    const store = new RedisConversationStore({ url: SHARED_REDIS_URL, prefix });
    const backend = new QueueSegmentationBackend({
      url: SHARED_REDIS_URL,
      prefix,
      store,
      modelVersion: () => '0.0.0-oracle',
      backoffMs: 50,
      ...options,
    });
    closers.push(
      () => backend.close(),
      () => store.close(),
    );
    await store.ready(5000);
    return { prefix, store, backend };
  }

  function startWorker(prefix: string, store: RedisConversationStore) {
    const pipeline = new Pipeline({ modelPath: ORACLE_MODEL });
    const worker = new SegmentationWorker({
      url: SHARED_REDIS_URL,
      prefix,
      store,
      pipeline,
      stalledIntervalMs: 1000,
    });
    const running = worker.run();
    closers.push(async () => {
      await worker.close(true);
      await running;
      await pipeline.close();
    });
    return worker;
  }

  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  afterAll(async () => {
    const raw = await connectRawClient(SHARED_REDIS_URL);
    for (const prefix of prefixes) await deleteKeysWithPrefix(raw, prefix);
    await raw.quit();
  });

  it('runs a job on a worker and returns the stored segmentation', async () => {
    const { prefix, store, backend } = await setup();
    startWorker(prefix, store);
    const imageHash = await store.putBlob(await oracleSlicePng([1, 9], 128));
    const result = await backend.segment({ imageHash, slice: 0, modelVersion: '0.0.0-oracle' });
    expect([result.width, result.height]).toEqual([128, 128]);
    const labelled = new Set(result.labels);
    expect(labelled.has(1) && labelled.has(9)).toBe(true);
    // A second bot asking afterwards reads the same result from the store.
    expect(await store.getResult({ imageHash, slice: 0, modelVersion: '0.0.0-oracle' })).toBeDefined();
  }, 30_000);

  it('refuses at once with a clear reply when the queue is full', async () => {
    const { store, backend } = await setup({ maxWaiting: 2, timeoutMs: 20_000 });
    // No worker: jobs pile up.
    const hashes = await Promise.all(
      [1, 2, 3].map(async (n) => store.putBlob(await oracleSlicePng([1], 64 + n))),
    );
    const pending = hashes
      .slice(0, 2)
      .map((imageHash) => backend.segment({ imageHash, slice: 0, modelVersion: '0.0.0-oracle' }));
    for (const p of pending) p.catch(() => {});
    while ((await backend.waitingCount()) < 2) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const refused = backend.segment({
      imageHash: hashes[2] as string,
      slice: 0,
      modelVersion: '0.0.0-oracle',
    });
    await expect(refused).rejects.toMatchObject({
      code: ErrorCode.QueueSaturated,
      userMessage: 'The analysis queue is full right now. Please try again in a minute.',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);

  it('gives up with a friendly reply when no worker answers in time', async () => {
    const { store, backend } = await setup({ timeoutMs: 400 });
    const imageHash = await store.putBlob(await oracleSlicePng([1], 80));
    await expect(
      backend.segment({ imageHash, slice: 0, modelVersion: '0.0.0-oracle' }),
    ).rejects.toMatchObject({
      code: ErrorCode.QueueSaturated,
      userMessage: expect.stringContaining('taking longer than usual'),
    });
  }, 30_000);

  it("passes a worker's coded error back to the bot without retrying it", async () => {
    const { prefix, store, backend } = await setup({ timeoutMs: 20_000 });
    startWorker(prefix, store);
    // A hash whose bytes are not in the store (expired): no retry can help.
    const missing = 'a'.repeat(64);
    const started = Date.now();
    await expect(
      backend.segment({ imageHash: missing, slice: 0, modelVersion: '0.0.0-oracle' }),
    ).rejects.toMatchObject({
      code: ErrorCode.NoActiveImage,
      userMessage: expect.stringContaining('expired'),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    // A worker with another model refuses the job the same way.
    const imageHash = await store.putBlob(await oracleSlicePng([1], 96));
    await expect(backend.segment({ imageHash, slice: 0, modelVersion: '9.9.9-other' })).rejects.toMatchObject(
      {
        code: ErrorCode.ModelUnavailable,
      },
    );
  }, 30_000);
});
