/**
 * What the bot replicas and the workers agree on: the queue's name and key prefix, the job's data,
 * its id, and how a coded error crosses the process boundary (BullMQ keeps only a failure string).
 */
import { createHash } from 'node:crypto';
import type { ConnectionOptions } from 'bullmq';
import { createClient } from 'redis';
import { ErrorCode, OrganSegError, ServiceError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Default BullMQ queue name; its keys live under `<REDIS_PREFIX>:segmentation:`. */
export const SEGMENTATION_QUEUE = 'segmentation';

export const QUEUE_SATURATED_MESSAGE = 'The analysis queue is full right now. Please try again in a minute.';

/** One slice to segment. The image bytes are already in the store under `imageHash` (`putBlob`). */
export interface SegmentationJobData {
  imageHash: string;
  /** 0-based display slice. */
  slice: number;
  /** The model version the asking bot caches under; a worker with another model refuses the job. */
  modelVersion: string;
}

/** What a finished job returns; the label map itself is read from the store (`getResult`). */
export interface SegmentationJobResult {
  /** `store` when another worker (or an earlier attempt) had already written the result. */
  source: 'computed' | 'store';
}

export interface QueueConnection {
  /** `redis[s]://…`, the same server as the conversation store. */
  url: string;
  /** BullMQ key prefix, normally the store's `REDIS_PREFIX` so one prefix holds everything. */
  prefix: string;
  /** Queue name (default `segmentation`). */
  queueName?: string;
}

/**
 * Same image, slice and model → same job id, so bot replicas asking at once share one job.
 * BullMQ refuses ':' in custom ids, hence a digest.
 */
export function segmentationJobId(data: SegmentationJobData): string {
  const digest = createHash('sha256')
    .update(`${data.modelVersion}\n${data.imageHash}\n${data.slice}`)
    .digest('hex');
  return `seg-${digest.slice(0, 40)}`;
}

/**
 * A fresh node-redis client for one BullMQ object. Queue, Worker and QueueEvents each need their
 * own connection (workers and events block on theirs); BullMQ connects it and closes it.
 */
export function bullConnection(url: string, logger: Logger): ConnectionOptions {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), 2000) },
  });
  // Without a listener a dropped connection would crash the process; BullMQ reconnects.
  let logged = false;
  client.on('error', (error: Error) => {
    if (logged) return;
    logged = true;
    logger.warn({ err: error.message }, 'queue connection to Redis failed; retrying');
  });
  client.on('ready', () => {
    logged = false;
  });
  // BullMQ 6 detects a node-redis client structurally (sendCommand + isOpen) and wraps it; its
  // ConnectionOptions type names ioredis, which this project does not install.
  return client as unknown as ConnectionOptions;
}

/** Codes whose failure another attempt cannot fix: the job fails at once instead of retrying. */
export const FINAL_CODES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.InputCorrupt,
  ErrorCode.InputEmpty,
  ErrorCode.InputTooLarge,
  ErrorCode.InputUnsupportedFormat,
  ErrorCode.NoActiveImage,
  ErrorCode.ModelUnavailable,
  ErrorCode.ModelInvalid,
  ErrorCode.SliceOutOfRange,
]);

/** `code|user message`: the only part of a worker's error that travels back to the bot. */
export function encodeJobFailure(code: ErrorCode, userMessage: string): string {
  return `${code}|${userMessage}`;
}

const CODES = new Set<string>(Object.values(ErrorCode));

/** The worker's coded error again, or a generic one for anything else (a BullMQ or Redis message). */
export function decodeJobFailure(reason: string): OrganSegError {
  const bar = reason.indexOf('|');
  const code = bar > 0 ? reason.slice(0, bar) : '';
  if (CODES.has(code) && code !== ErrorCode.Unknown) {
    return new OrganSegError(code as ErrorCode, reason.slice(bar + 1));
  }
  return new ServiceError(ErrorCode.Unknown, 'The analysis failed on our side. Please try again.', {
    detail: reason,
  });
}
