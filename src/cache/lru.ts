/**
 * A Map with per-entry expiry and least-recently-used eviction by entry count and by bytes. It
 * keeps the memory store and the result cache bounded however long the process runs. No timers:
 * expired entries go when touched or when eviction reaches them, so a test clock can drive it.
 */

export interface TtlLruOptions<V> {
  /** Most entries kept (default unbounded). */
  maxEntries?: number;
  /** Most bytes kept, as measured by `sizeOf` (default unbounded). */
  maxBytes?: number;
  /** Size of a value in bytes (default 1 per entry). */
  sizeOf?: (value: V) => number;
  /** ms since the epoch (default `Date.now`). */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  /** ms since the epoch; `Infinity` for no expiry. */
  expiresAt: number;
  size: number;
}

export class TtlLru<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #sizeOf: (value: V) => number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: TtlLruOptions<V> = {}) {
    this.#maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
    this.#maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.#sizeOf = options.sizeOf ?? (() => 1);
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The value, marked most recently used; `undefined` when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.#live(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keys of live entries, least recently used first. */
  keys(): string[] {
    return [...this.#entries.keys()].filter((key) => this.#live(key) !== undefined);
  }

  has(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  /** Seconds left before expiry (rounded up), `-1` for no expiry, `undefined` when absent. */
  ttlSeconds(key: string): number | undefined {
    const entry = this.#live(key);
    if (!entry) return undefined;
    return entry.expiresAt === Number.POSITIVE_INFINITY
      ? -1
      : Math.ceil((entry.expiresAt - this.#now()) / 1000);
  }

  /** Stores a value; `ttlSeconds` undefined means it never expires (eviction still applies). */
  set(key: string, value: V, ttlSeconds?: number): void {
    this.delete(key);
    const size = this.#sizeOf(value);
    // A value bigger than the whole budget would evict everything and still not fit.
    if (size > this.#maxBytes) return;
    const expiresAt = ttlSeconds === undefined ? Number.POSITIVE_INFINITY : this.#now() + ttlSeconds * 1000;
    this.#entries.set(key, { value, expiresAt, size });
    this.#bytes += size;
    this.#evict();
  }

  /** Replaces a live value, keeping its expiry; false when the key is absent. */
  update(key: string, value: V): boolean {
    const entry = this.#live(key);
    if (!entry) return false;
    const size = this.#sizeOf(value);
    this.#bytes += size - entry.size;
    entry.value = value;
    entry.size = size;
    this.#evict();
    return true;
  }

  /** Moves the expiry; false when the key is absent. */
  expire(key: string, ttlSeconds: number): boolean {
    const entry = this.#live(key);
    if (!entry) return false;
    entry.expiresAt = this.#now() + ttlSeconds * 1000;
    return true;
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #live(key: string): Entry<V> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  #evict(): void {
    // Map iteration order is insertion order, and `get` re-inserts: the first key is the least recently used.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.delete(key);
    }
  }
}
