/**
 * The worker's side of `PIPELINE_MODE=queue`: takes segmentation jobs from BullMQ, reads the image
 * from the store, runs the model, writes the result back to the store. Any number of these run
 * against one Redis; a killed worker's job is found by the stalled-job check once its lock expires
 * and is run again by another.
 */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { toCached } from '../bot/bot.js';
import type { ConversationStore } from '../cache/store.js';
import { asCodedError, ErrorCode, InputError, ServiceError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import type { DecodedImage } from '../pipeline/decode/types.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import {
  bullConnection,
  encodeJobFailure,
  FINAL_CODES,
  type QueueConnection,
  SEGMENTATION_QUEUE,
  type SegmentationJobData,
  type SegmentationJobResult,
} from './jobs.js';

export interface SegmentationWorkerOptions extends QueueConnection {
  store: ConversationStore;
  /** Decodes the stored bytes and owns the model session (loaded on the first job). */
  pipeline: Pipeline;
  /** Jobs run at once in this process (default 1: one model run already uses every core). */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal, ms (default 30,000; renewed every half). A worker
   * that dies holds its job at most this long before the stalled check hands it to another.
   */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs, ms (default 5,000). */
  stalledIntervalMs?: number;
  /** Times one job may stall (its worker died) before it fails (default 2). */
  maxStalledCount?: number;
  /** Decoded images kept for the next slice of the same series (default 4). */
  decodedCacheSize?: number;
  logger?: Logger;
}

export class SegmentationWorker {
  readonly #options: SegmentationWorkerOptions;
  readonly #worker: Worker<SegmentationJobData, SegmentationJobResult>;
  readonly #logger: Logger;
  readonly #decoded = new Map<string, DecodedImage>();

  constructor(options: SegmentationWorkerOptions) {
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'worker' });
    this.#worker = new Worker<SegmentationJobData, SegmentationJobResult>(
      options.queueName ?? SEGMENTATION_QUEUE,
      (job) => this.#run(job),
      {
        connection: bullConnection(options.url, this.#logger),
        prefix: options.prefix,
        concurrency: options.concurrency ?? 1,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 5_000,
        maxStalledCount: options.maxStalledCount ?? 2,
        autorun: false,
      },
    );
    this.#worker.on('error', (error) => this.#logger.warn({ err: error.message }, 'worker error'));
    // Emitted by whichever worker's check found the job: its worker died or stopped renewing the lock.
    this.#worker.on('stalled', (jobId) =>
      this.#logger.warn({ jobId }, 'stalled job moved back to the queue'),
    );
    this.#worker.on('failed', (job, error) => {
      this.#logger.warn(
        { jobId: job?.id, attempt: job?.attemptsMade, err: error.message },
        'segmentation job failed',
      );
    });
  }

  /** Starts taking jobs; resolves when the worker has stopped (after `close`). */
  run(): Promise<void> {
    return this.#worker.run();
  }

  /** Resolves once connected to Redis and listening for jobs. */
  async ready(): Promise<void> {
    await this.#worker.waitUntilReady();
  }

  /** Finishes the jobs in hand, then stops; `force` abandons them to the stalled check. */
  async close(force = false): Promise<void> {
    await this.#worker.close(force);
  }

  async #run(job: Job<SegmentationJobData, SegmentationJobResult>): Promise<SegmentationJobResult> {
    const started = performance.now();
    const { imageHash, slice, modelVersion } = job.data;
    try {
      const segmenter = await this.#options.pipeline.getSegmenter();
      if (segmenter.version !== modelVersion) {
        throw new ServiceError(
          ErrorCode.ModelUnavailable,
          'The analysis workers run a different model version right now. Please try again shortly.',
          {
            detail: `job wants ${modelVersion}, worker has ${segmenter.version}`,
          },
        );
      }
      const key = { imageHash, modelVersion, slice };
      // A retried job whose first run got as far as the store, or a twin job from another replica.
      if (await this.#options.store.getResult(key)) return { source: 'store' };
      const image = await this.#image(imageHash);
      const [segmentation] = await segmenter.segmentSlices([image.slice(slice)]);
      if (!segmentation) throw new Error('segmenter returned no result');
      await this.#options.store.putResult(key, toCached(segmentation));
      this.#logger.info(
        { jobId: job.id, slice, ms: Math.round(performance.now() - started) },
        'segmentation job done',
      );
      return { source: 'computed' };
    } catch (error) {
      const coded = asCodedError(error);
      const reason = encodeJobFailure(coded.code, coded.userMessage);
      if (FINAL_CODES.has(coded.code)) throw new UnrecoverableError(reason);
      if (coded.code === ErrorCode.Unknown)
        this.#logger.error({ err: coded.message, jobId: job.id }, 'segmentation job error');
      throw new Error(reason);
    }
  }

  async #image(hash: string): Promise<DecodedImage> {
    const hit = this.#decoded.get(hash);
    if (hit) {
      this.#decoded.delete(hash);
      this.#decoded.set(hash, hit);
      return hit;
    }
    const bytes = await this.#options.store.getBlob(hash);
    if (!bytes)
      throw new InputError(
        ErrorCode.NoActiveImage,
        'The slice of this conversation has expired. Please upload it again.',
      );
    const image = await this.#options.pipeline.decodeBytes(bytes);
    this.#decoded.set(hash, image);
    while (this.#decoded.size > (this.#options.decodedCacheSize ?? 4)) {
      this.#decoded.delete(this.#decoded.keys().next().value as string);
    }
    return image;
  }
}
