/**
 * Segmentation results by image content hash: a memory LRU in front of the conversation store, and
 * one model run per (image, model, slice) in this process however many users ask at once. A
 * follow-up question, a quiz round and a second user asking about the same slice all reuse it.
 */
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { KeyBuilder, type ResultKey } from './keys.js';
import { TtlLru } from './lru.js';
import type { CachedSegmentation, ConversationStore } from './store.js';

export interface SegmentationCacheOptions {
  /** The shared second level (Redis when configured); results written here outlive the process. */
  store: ConversationStore;
  /** Bytes of label maps kept in memory (default 64 MiB: about 250 slices of 512×512). */
  maxBytes?: number;
  logger?: Logger;
}

export type ResultSource = 'memory' | 'store' | 'computed';

export class SegmentationCache {
  readonly #store: ConversationStore;
  readonly #memory: TtlLru<CachedSegmentation>;
  readonly #inFlight = new Map<string, Promise<{ result: CachedSegmentation; source: ResultSource }>>();
  readonly #keys = new KeyBuilder('results');
  readonly #logger: Logger;

  constructor(options: SegmentationCacheOptions) {
    this.#store = options.store;
    this.#logger = options.logger ?? silentLogger;
    this.#memory = new TtlLru({
      maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
      // The label map dominates; the rest is a small JSON object.
      sizeOf: (result) => result.labels.byteLength + 1024,
    });
  }

  /**
   * The cached result, or `compute()`'s, stored at both levels. Results are shared: treat them as
   * read-only. A store failure only costs the second level (logged); the model still answers.
   */
  async getOrCompute(
    key: ResultKey,
    compute: () => Promise<CachedSegmentation>,
  ): Promise<{ result: CachedSegmentation; source: ResultSource }> {
    const id = this.#keys.result(key);
    const cached = this.#memory.get(id);
    if (cached) return { result: cached, source: 'memory' };
    const pending = this.#inFlight.get(id);
    if (pending) return pending;
    const lookup = this.#lookupOrCompute(id, key, compute).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, lookup);
    return lookup;
  }

  /** The cached result without computing; `undefined` on a miss or when the store is unavailable. */
  async get(key: ResultKey): Promise<CachedSegmentation | undefined> {
    const id = this.#keys.result(key);
    const cached = this.#memory.get(id);
    if (cached) return cached;
    const stored = await this.#fromStore(key);
    if (stored) this.#memory.set(id, stored);
    return stored;
  }

  async put(key: ResultKey, result: CachedSegmentation): Promise<void> {
    this.#memory.set(this.#keys.result(key), result);
    await this.#toStore(key, result);
  }

  async #lookupOrCompute(
    id: string,
    key: ResultKey,
    compute: () => Promise<CachedSegmentation>,
  ): Promise<{ result: CachedSegmentation; source: ResultSource }> {
    const stored = await this.#fromStore(key);
    if (stored) {
      this.#memory.set(id, stored);
      return { result: stored, source: 'store' };
    }
    const result = await compute();
    this.#memory.set(id, result);
    await this.#toStore(key, result);
    return { result, source: 'computed' };
  }

  async #fromStore(key: ResultKey): Promise<CachedSegmentation | undefined> {
    try {
      return await this.#store.getResult(key);
    } catch (error) {
      this.#logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'result cache read failed',
      );
      return undefined;
    }
  }

  async #toStore(key: ResultKey, result: CachedSegmentation): Promise<void> {
    try {
      await this.#store.putResult(key, result);
    } catch (error) {
      this.#logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'result cache write failed',
      );
    }
  }
}
