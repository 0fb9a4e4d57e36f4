/**
 * Builds the bot core from the validated configuration: logger, state store, pipeline, question
 * resolver. Shared by `organ-seg serve`, `organ-seg chat` and the queue worker.
 */
import { createBot, type OrganSegBot } from './bot/bot.js';
import { createConversationStore } from './cache/index.js';
import type { ConversationStore } from './cache/store.js';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import { Pipeline } from './pipeline/pipeline.js';
import { createChatModel, createLlmResolver } from './pipeline/question/llm.js';
import { createQuestionResolver } from './pipeline/question/resolver.js';
import { createSegmentationBackend } from './queue/index.js';

export interface Runtime {
  bot: OrganSegBot;
  store: ConversationStore;
  pipeline: Pipeline;
  /** Lines for start-up: which state store, which model, what is missing. */
  describe: string[];
  /**
   * Waits (up to `timeoutMs`) for the state store's first connection, so the first message after
   * start-up is not refused. Never throws: without Redis the bot starts anyway and answers "state
   * temporarily unavailable" until Redis comes back.
   */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  store?: ConversationStore;
  now?: () => number;
  random?: () => number;
  quizRoundMs?: number;
}

export function createRuntime(config: AppConfig, logger: Logger, overrides: RuntimeOverrides = {}): Runtime {
  const created = overrides.store
    ? { store: overrides.store, description: overrides.store.description }
    : createConversationStore({
        redisUrl: config.redis?.url,
        prefix: config.redis?.prefix,
        ttlSeconds: config.stateTtlSeconds,
        logger,
      });
  const resolver = createQuestionResolver();
  const pipeline = new Pipeline({
    modelPath: config.model.path,
    adrenalModelPath: config.model.adrenalPath,
    executionProvider: config.model.executionProvider,
    threads: config.model.threads,
    inputLimits: config.inputLimits,
    resolver,
    logger: logger.child({ component: 'pipeline' }),
    refiner: config.refiner,
  });
  // PIPELINE_MODE=queue: segmentation runs on `organ-seg worker` processes through BullMQ.
  const segmentation = createSegmentationBackend(config, created.store, logger);
  const llm = config.llm
    ? createLlmResolver({
        model: createChatModel(config.llm),
        fallback: resolver,
        timeoutMs: config.llm.timeoutMs,
        logger,
      })
    : undefined;
  const bot = createBot({
    pipeline,
    llm,
    segmentation,
    resolver,
    store: created.store,
    logger,
    quizCasesDir: config.quizCasesDir,
    keepDicomUids: config.keepDicomUids,
    now: overrides.now,
    random: overrides.random,
    quizRoundMs: overrides.quizRoundMs,
  });
  return {
    bot,
    store: created.store,
    pipeline,
    describe: [
      created.description,
      `model: ${config.model.path}`,
      ...(config.refiner ? [`refiner: ${config.refiner.encoderPath} + ${config.refiner.decoderPath}`] : []),
      segmentation ? 'pipeline: queue on Redis (start `organ-seg worker` processes)' : 'pipeline: in-process',
      config.llm
        ? `LLM: ${config.llm.provider} ${config.llm.model}`
        : 'questions: embedded resolver (offline)',
    ],
    async ready(timeoutMs = 5000) {
      const store = created.store as ConversationStore & { ready?: (ms: number) => Promise<void> };
      try {
        await store.ready?.(timeoutMs);
      } catch (error) {
        logger.warn({ err: error }, 'state store not reachable yet; replies say so until it is');
      }
    },
    async close() {
      await bot.close();
      await segmentation?.close();
      await pipeline.close();
      await created.store.close();
    },
  };
}
