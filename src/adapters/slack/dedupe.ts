/**
 * Remembers the Slack event ids already accepted, so a retry (`X-Slack-Retry-Num`) or a duplicate
 * delivery of an event we acknowledged is answered at the door, before any parsing or I/O. Slack
 * retries three times within about five minutes; entries live ten minutes. The bot core dedupes
 * again through the store's `claimEvent`, which also covers several replicas behind one URL.
 */
export interface EventDedupeOptions {
  /** How long an id is remembered, in ms (default 10 minutes). */
  ttlMs?: number;
  /** Most ids remembered; the oldest are forgotten first (default 10,000). */
  maxEntries?: number;
  /** Clock, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

export class EventDedupe {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: EventDedupeOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** True the first time an id is claimed within the TTL; false for a repeat. */
  claim(id: string): boolean {
    const now = this.now();
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(id);
    this.seen.set(id, now + this.ttlMs);
    this.evict(now);
    return true;
  }

  private evict(now: number): void {
    // Map keeps insertion order, so the oldest entries come first.
    for (const [id, expires] of this.seen) {
      if (this.seen.size <= this.maxEntries && expires > now) break;
      this.seen.delete(id);
    }
  }
}

/** A bounded set of Slack threads the bot has posted in: thread replies there need no @mention. */
export class ActiveThreads {
  private readonly threads = new Set<string>();

  constructor(private readonly maxEntries = 10_000) {}

  add(channel: string, threadTs: string): void {
    const key = `${channel}:${threadTs}`;
    this.threads.delete(key);
    this.threads.add(key);
    if (this.threads.size > this.maxEntries) {
      const oldest = this.threads.values().next().value;
      if (oldest !== undefined) this.threads.delete(oldest);
    }
  }

  has(channel: string, threadTs: string): boolean {
    return this.threads.has(`${channel}:${threadTs}`);
  }
}
