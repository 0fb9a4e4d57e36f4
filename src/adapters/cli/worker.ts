/**
 * `organ-seg worker`: runs segmentation jobs from the BullMQ queue on Redis until SIGTERM/SIGINT,
 * for bots started with `PIPELINE_MODE=queue`. Start as many as the machines allow.
 */
import { RedisConversationStore } from '../../cache/index.js';
import type { AppConfig } from '../../config.js';
import { ErrorCode, OrganSegError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { Pipeline } from '../../pipeline/pipeline.js';
import { SEGMENTATION_QUEUE, SegmentationWorker } from '../../queue/index.js';

export interface WorkerCommandOptions {
  /** Jobs at once in this process (default 1). */
  concurrency?: number;
  /** Job lock in ms (default 30,000): how long a dead worker's job waits before another takes it. */
  lockMs?: number;
  /** Stalled-job check interval in ms (default 5,000). */
  stalledMs?: number;
  /** Queue name (default `segmentation`). */
  queue?: string;
}

export async function runWorker(config: AppConfig, options: WorkerCommandOptions): Promise<void> {
  if (!config.redis) {
    throw new OrganSegError(
      ErrorCode.ConfigInvalid,
      'organ-seg worker needs REDIS_URL (the Redis the bots use).',
    );
  }
  const logger = createLogger({ level: config.logLevel });
  const store = new RedisConversationStore({
    url: config.redis.url,
    prefix: config.redis.prefix,
    ttlSeconds: config.stateTtlSeconds,
    logger: logger.child({ component: 'state' }),
  });
  // Jobs before the store answers would only fail and be retried; wait a little, then carry on.
  await store.ready(10_000).catch(() => logger.warn('Redis not reachable yet; jobs wait until it is'));
  const pipeline = new Pipeline({
    modelPath: config.model.path,
    adrenalModelPath: config.model.adrenalPath,
    executionProvider: config.model.executionProvider,
    threads: config.model.threads,
    inputLimits: config.inputLimits,
    logger: logger.child({ component: 'pipeline' }),
  });
  // Load the model before taking jobs: a missing model is a start-up error, not 100 failed jobs.
  const segmenter = await pipeline.getSegmenter();
  const worker = new SegmentationWorker({
    url: config.redis.url,
    prefix: config.redis.prefix,
    queueName: options.queue ?? SEGMENTATION_QUEUE,
    store,
    pipeline,
    concurrency: options.concurrency,
    lockDurationMs: options.lockMs,
    stalledIntervalMs: options.stalledMs,
    logger,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping after the jobs in hand');
    worker.close().catch((error: unknown) => logger.error({ err: String(error) }, 'worker close failed'));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const running = worker.run();
  await worker.ready();
  logger.info(
    { model: segmenter.version, queue: options.queue ?? SEGMENTATION_QUEUE, store: store.description },
    'worker ready',
  );
  try {
    await running;
  } finally {
    await pipeline.close();
    await store.close();
  }
}
