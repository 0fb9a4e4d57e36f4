/**
 * `PIPELINE_MODE=queue` from the configuration: the bot's segmentation backend (enqueue and wait)
 * and the worker (`organ-seg worker`). In-process mode needs none of this.
 */
import type { ConversationStore } from '../cache/store.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { segmentationVersion } from '../pipeline/segment.js';
import { QueueSegmentationBackend } from './backend.js';

export { type QueueBackendOptions, QueueSegmentationBackend } from './backend.js';
export * from './jobs.js';
export { SegmentationWorker, type SegmentationWorkerOptions } from './worker.js';

/**
 * The model version bot replicas cache under, read once from the model's JSON sidecar: a bot in
 * queue mode needs the sidecar, not the model or its memory.
 */
export function sidecarModelVersion(modelPath: string, adrenalModelPath?: string): () => string {
  let version: string | undefined;
  return () => {
    version ??= segmentationVersion(modelPath, adrenalModelPath);
    return version;
  };
}

/** The queue backend when `PIPELINE_MODE=queue`, else undefined (the bot segments in process). */
export function createSegmentationBackend(
  config: AppConfig,
  store: ConversationStore,
  logger: Logger,
): QueueSegmentationBackend | undefined {
  if (config.pipelineMode !== 'queue') return undefined;
  if (!config.redis) throw new TypeError('PIPELINE_MODE=queue needs REDIS_URL (checked by loadConfig)');
  return new QueueSegmentationBackend({
    url: config.redis.url,
    prefix: config.redis.prefix,
    store,
    modelVersion: sidecarModelVersion(config.model.path, config.model.adrenalPath),
    logger,
  });
}
