/**
 * The bot's side of `PIPELINE_MODE=queue`: a cache miss becomes a BullMQ job that some worker runs
 * (`organ-seg worker`), and the reply waits for it. Several bot replicas and workers share one Redis;
 * the result travels through the store (`putResult`/`getResult`), never through the job.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { SegmentationBackend } from '../bot/bot.js';
import type { CachedSegmentation, ConversationStore } from '../cache/store.js';
import { asCodedError, ErrorCode, isCodedError, ServiceError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import {
  bullConnection,
  decodeJobFailure,
  QUEUE_SATURATED_MESSAGE,
  type QueueConnection,
  SEGMENTATION_QUEUE,
  type SegmentationJobData,
  segmentationJobId,
} from './jobs.js';

export interface QueueBackendOptions extends QueueConnection {
  /** Where workers write results (the same Redis prefix as theirs). */
  store: ConversationStore;
  /** The model version results are cached under: the workers' sidecar `version`. */
  modelVersion: () => Promise<string> | string;
  /** Jobs waiting for a worker beyond which a new question is refused at once (default 100). */
  maxWaiting?: number;
  /** Longest wait for one slice, enqueue to result, ms (default 60,000). */
  timeoutMs?: number;
  /** Runs per job (default 3): a failure or a dead worker's stalled job is retried by any worker. */
  attempts?: number;
  /** First retry delay in ms, doubling (default 500). */
  backoffMs?: number;
  logger?: Logger;
}

export class QueueSegmentationBackend implements SegmentationBackend {
  readonly #options: QueueBackendOptions;
  readonly #queue: Queue<SegmentationJobData>;
  readonly #events: QueueEvents;
  readonly #logger: Logger;
  #closed = false;

  constructor(options: QueueBackendOptions) {
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'queue' });
    const name = options.queueName ?? SEGMENTATION_QUEUE;
    this.#queue = new Queue<SegmentationJobData>(name, {
      connection: bullConnection(options.url, this.#logger),
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.attempts ?? 3,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 500 },
        // Kept a minute so a reply that starts waiting just after the job finished still sees it
        // finished; removed at once on final failure so a retry a moment later makes a new job.
        removeOnComplete: { age: 60, count: 10_000 },
        removeOnFail: true,
      },
    });
    this.#events = new QueueEvents(name, {
      connection: bullConnection(options.url, this.#logger),
      prefix: options.prefix,
    });
    // Every waiting reply adds listeners for its own job: hundreds at once are expected.
    this.#queue.setMaxListeners(0);
    this.#events.setMaxListeners(0);
    this.#queue.on('error', (error) => this.#logger.warn({ err: error.message }, 'queue error'));
    this.#events.on('error', (error) => this.#logger.warn({ err: error.message }, 'queue events error'));
  }

  async modelVersion(): Promise<string> {
    return this.#options.modelVersion();
  }

  async segment(request: SegmentationJobData): Promise<CachedSegmentation> {
    const timeoutMs = this.#options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceError(
              ErrorCode.QueueSaturated,
              'The analysis is taking longer than usual. Please try again in a minute.',
              {
                detail: `no result within ${timeoutMs} ms`,
              },
            ),
          ),
        timeoutMs,
      );
    });
    const work = this.#enqueueAndWait(request, timeoutMs);
    // The losing side of the race may still reject later; it is already accounted for.
    work.catch(() => {});
    try {
      return await Promise.race([work, expiry]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Jobs waiting for a worker now (for health checks and the bench). */
  async waitingCount(): Promise<number> {
    return this.#queue.getWaitingCount();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([this.#events.close(), this.#queue.close()]);
  }

  async #enqueueAndWait(data: SegmentationJobData, timeoutMs: number): Promise<CachedSegmentation> {
    const key = { imageHash: data.imageHash, modelVersion: data.modelVersion, slice: data.slice };
    try {
      const waiting = await this.#queue.getWaitingCount();
      const limit = this.#options.maxWaiting ?? 100;
      if (waiting >= limit) {
        this.#logger.warn({ waiting, limit }, 'queue saturated; question refused');
        throw new ServiceError(ErrorCode.QueueSaturated, QUEUE_SATURATED_MESSAGE, {
          detail: `${waiting} jobs waiting`,
        });
      }
      const job = await this.#queue.add('segment', data, { jobId: segmentationJobId(data) });
      try {
        await job.waitUntilFinished(this.#events, timeoutMs);
      } catch (error) {
        // The job may have finished before we listened and been cleaned up since; the store knows.
        const stored = await this.#options.store.getResult(key).catch(() => undefined);
        if (stored) return stored;
        throw decodeJobFailure(error instanceof Error ? error.message : String(error));
      }
      const result = await this.#options.store.getResult(key);
      if (!result) {
        throw new ServiceError(
          ErrorCode.Unknown,
          'The analysis finished but its result was lost. Please try again.',
          {
            detail: 'job completed without a stored result',
          },
        );
      }
      return result;
    } catch (error) {
      if (isCodedError(error)) throw error;
      // BullMQ and Redis failures (connection refused, closed connection) reach the user as one reply.
      this.#logger.warn({ err: asCodedError(error).message }, 'queue unavailable');
      throw new ServiceError(
        ErrorCode.QueueSaturated,
        'The analysis queue is not reachable right now. Please try again in a minute.',
        {
          cause: error,
        },
      );
    }
  }
}
