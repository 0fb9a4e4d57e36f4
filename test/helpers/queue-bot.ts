/**
 * One bot replica in `PIPELINE_MODE=queue`, for test/queue-integration.test.ts: the real bot core
 * with a Redis store and the queue backend, answering questions read from stdin.
 *
 * Usage: node --import tsx test/helpers/queue-bot.ts <redisUrl> <prefix> <modelPath>
 * stdin: one JSON object a line, {"id": 17}; each becomes a new conversation that uploads a slice
 * whose bytes are unique to that id (so no cache answers it) and asks "Which organ stores bile?".
 * stdout: "ready", then one JSON line per reply: {"id", "kind", "names", "organs", "hasImage", "errorCode"}.
 */
import { createInterface } from 'node:readline';
import { createBot } from '../../src/bot/bot.js';
import { RedisConversationStore } from '../../src/cache/redis-store.js';
import { createLogger } from '../../src/logger.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../../src/pipeline/question/resolver.js';
import { QueueSegmentationBackend, sidecarModelVersion } from '../../src/queue/index.js';
import { oracleSlicePng } from './bot-harness.js';
import { pngChunk } from './synthetic.js';

const [redisUrl, prefix, modelPath] = process.argv.slice(2);
if (!redisUrl || !prefix || !modelPath) {
  process.stderr.write('usage: queue-bot.ts <redisUrl> <prefix> <modelPath>\n');
  process.exit(2);
}

const logger = createLogger({ level: 'warn' });
const store = new RedisConversationStore({ url: redisUrl, prefix, logger });
const resolver = createQuestionResolver();
// Decoding and rendering stay in the bot; only segmentation goes to the workers.
const pipeline = new Pipeline({ modelPath, resolver, logger });
const segmentation = new QueueSegmentationBackend({
  url: redisUrl,
  prefix,
  store,
  modelVersion: sidecarModelVersion(modelPath),
  maxWaiting: 1000,
  timeoutMs: 50_000,
  logger,
});
const bot = createBot({
  pipeline,
  resolver,
  store,
  logger,
  segmentation,
  rateLimits: { userPerMinute: 10_000, channelPerMinute: 10_000 },
});

const base = await oracleSlicePng([1, 2, 3, 13, 9], 128);
/** The same pixels with an id in a PNG text chunk after IHDR: different bytes, different hash. */
function uniqueSlice(id: number): Buffer {
  const ihdrEnd = 8 + 25;
  const text = pngChunk('tEXt', Buffer.from(`Comment\0question ${id} ${prefix}`, 'latin1'));
  return Buffer.concat([base.subarray(0, ihdrEnd), text, base.subarray(ihdrEnd)]);
}

async function answer(id: number): Promise<void> {
  const replies = await bot.handle({
    conversation: { platform: 'web', workspace: 'queue-test', channel: `c${id}` },
    user: { id: `u${id}` },
    text: 'Which organ stores bile?',
    attachments: [{ name: `slice-${id}.png`, bytes: uniqueSlice(id) }],
  });
  for (const reply of replies) {
    const line = {
      id,
      kind: reply.kind,
      names: reply.answer?.names ?? [],
      organs: reply.answer?.organs.map((o) => o.name) ?? [],
      hasImage: reply.image !== undefined,
      errorCode: reply.errorCode,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

const pending: Promise<void>[] = [];
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  const { id } = JSON.parse(line) as { id: number };
  pending.push(
    answer(id).catch((error: unknown) => {
      process.stdout.write(`${JSON.stringify({ id, kind: 'crash', error: String(error) })}\n`);
    }),
  );
});
lines.on('close', async () => {
  await Promise.all(pending);
  await segmentation.close();
  await bot.close();
  await pipeline.close();
  await store.close();
  process.exit(0);
});
await store.ready(10_000);
process.stdout.write('ready\n');
