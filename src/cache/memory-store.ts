/**
 * The embedded default: the same contract as Redis, kept in this process. State is lost on
 * restart and not shared between replicas; memory stays bounded (LRU by entries and bytes).
 * Quiz grading is exactly-once because each operation runs to completion without awaiting.
 */

import type { AnswerLetter } from '../pipeline/organs.js';
import {
  assertNotDicomFile,
  checkNewRound,
  checkTtl,
  decodeSegmentation,
  encodeSegmentation,
  parsePrefs,
  parseRound,
  parseState,
  type ResolvedStoreOptions,
  rateDecision,
  rateWindow,
  resolveStoreOptions,
  serializePrefs,
  serializeRound,
  serializeState,
  sha256Hex,
} from './codec.js';
import { type ConversationKey, isContentHash, KeyBuilder, type ResultKey } from './keys.js';
import { TtlLru } from './lru.js';
import type {
  CachedSegmentation,
  ConversationState,
  ConversationStore,
  LeaderboardEntry,
  NewQuizRound,
  QuizAnswerResult,
  QuizOutcome,
  QuizRound,
  RateLimitDecision,
  RateLimitRule,
  StoreOptions,
  TtlOption,
  UserPrefs,
} from './store.js';

const MiB = 1024 * 1024;

export interface MemoryStoreOptions extends StoreOptions {
  /** Key prefix, as in Redis (default `organ-seg`). */
  prefix?: string;
  /** Bytes of images kept (default 512 MiB; least recently used dropped first). */
  maxBlobBytes?: number;
  /** Bytes of encoded segmentation results kept (default 128 MiB). */
  maxResultBytes?: number;
  /** Conversations kept (default 10,000). */
  maxConversations?: number;
}

interface RoundRecord {
  id: string;
  correct: string;
  open: string;
  json: string;
}

export class MemoryConversationStore implements ConversationStore {
  readonly description = 'state: in memory (lost on restart; set REDIS_URL to keep it)';
  readonly keys: KeyBuilder;
  readonly #options: ResolvedStoreOptions;
  readonly #conversations: TtlLru<string>;
  readonly #prefs: TtlLru<Map<string, string>>;
  readonly #rounds: TtlLru<RoundRecord>;
  readonly #answers: TtlLru<Map<string, AnswerLetter>>;
  readonly #leaderboards: TtlLru<Map<string, number>>;
  readonly #events: TtlLru<true>;
  readonly #rateCounters: TtlLru<number>;
  readonly #blobs: TtlLru<Buffer>;
  readonly #results: TtlLru<Buffer>;

  constructor(options: MemoryStoreOptions = {}) {
    this.#options = resolveStoreOptions(options);
    this.keys = new KeyBuilder(options.prefix ?? 'organ-seg');
    const now = this.#options.now;
    const maxConversations = options.maxConversations ?? 10_000;
    this.#conversations = new TtlLru({ now, maxEntries: maxConversations });
    this.#prefs = new TtlLru({ now, maxEntries: maxConversations });
    this.#rounds = new TtlLru({ now, maxEntries: maxConversations });
    this.#answers = new TtlLru({ now, maxEntries: maxConversations });
    this.#leaderboards = new TtlLru({ now, maxEntries: maxConversations });
    this.#events = new TtlLru({ now, maxEntries: 100_000 });
    this.#rateCounters = new TtlLru({ now, maxEntries: 100_000 });
    this.#blobs = new TtlLru({ now, maxBytes: options.maxBlobBytes ?? 512 * MiB, sizeOf: (b) => b.length });
    this.#results = new TtlLru({
      now,
      maxBytes: options.maxResultBytes ?? 128 * MiB,
      sizeOf: (b) => b.length,
    });
  }

  /** Seconds left on a key as the Redis store would name it (`-2` absent, `-1` no expiry), for tests. */
  ttlOf(key: string): number {
    for (const map of this.#maps()) {
      const ttl = map.ttlSeconds(key);
      if (ttl !== undefined) return ttl;
    }
    return -2;
  }

  /** Every live key, named as in Redis, for tests. */
  keyNames(): string[] {
    return this.#maps().flatMap((map) => map.keys());
  }

  async getConversation(key: ConversationKey): Promise<ConversationState | undefined> {
    return parseState(this.#conversations.get(this.keys.conversation(key)));
  }

  async saveConversation(key: ConversationKey, state: ConversationState, options?: TtlOption): Promise<void> {
    const json = serializeState(state, this.#options);
    this.#conversations.set(this.keys.conversation(key), json, this.#ttl(options));
  }

  async forget(key: ConversationKey): Promise<void> {
    for (const name of this.keys.conversationKeys(key)) {
      for (const map of this.#maps()) map.delete(name);
    }
  }

  async putBlob(bytes: Uint8Array, options?: TtlOption): Promise<string> {
    assertNotDicomFile(bytes);
    const hash = sha256Hex(bytes);
    const name = this.keys.blob(hash);
    const ttl = this.#ttl(options);
    if (!this.#blobs.expire(name, ttl)) this.#blobs.set(name, Buffer.from(bytes), ttl);
    return hash;
  }

  async getBlob(hash: string): Promise<Uint8Array | undefined> {
    if (!isContentHash(hash)) return undefined;
    const name = this.keys.blob(hash);
    const bytes = this.#blobs.get(name);
    if (!bytes) return undefined;
    this.#blobs.expire(name, this.#options.ttlSeconds);
    return new Uint8Array(bytes);
  }

  async getResult(key: ResultKey): Promise<CachedSegmentation | undefined> {
    const name = this.keys.result(key);
    const bytes = this.#results.get(name);
    if (!bytes) return undefined;
    this.#results.expire(name, this.#options.ttlSeconds);
    return decodeSegmentation(bytes);
  }

  async putResult(key: ResultKey, result: CachedSegmentation, options?: TtlOption): Promise<void> {
    this.#results.set(this.keys.result(key), encodeSegmentation(result), this.#ttl(options));
  }

  async claimEvent(eventId: string, ttlSeconds?: number): Promise<boolean> {
    const name = this.keys.event(eventId);
    if (this.#events.has(name)) return false;
    this.#events.set(name, true, checkTtl(ttlSeconds ?? this.#options.eventTtlSeconds));
    return true;
  }

  async startQuizRound(key: ConversationKey, round: NewQuizRound, options?: TtlOption): Promise<QuizRound> {
    checkNewRound(round);
    const ttl = this.#ttl(options);
    this.#answers.delete(this.keys.quizAnswers(key));
    this.#rounds.set(
      this.keys.quizRound(key),
      { id: round.roundId, correct: round.correct, open: '1', json: serializeRound(round) },
      ttl,
    );
    return { ...round, open: true };
  }

  async getQuizRound(key: ConversationKey): Promise<QuizRound | undefined> {
    const record = this.#rounds.get(this.keys.quizRound(key));
    return record && parseRound(record.id, record.correct, record.open, record.json);
  }

  async submitQuizAnswer(
    key: ConversationKey,
    roundId: string,
    userId: string,
    letter: AnswerLetter,
  ): Promise<QuizAnswerResult> {
    // Everything below runs without an await, so concurrent submissions cannot interleave.
    const record = this.#rounds.get(this.keys.quizRound(key));
    if (!record || record.id !== roundId) return { accepted: false, reason: 'no_round' };
    if (record.open !== '1') return { accepted: false, reason: 'closed' };
    const ttl = this.#options.ttlSeconds;
    const answersKey = this.keys.quizAnswers(key);
    let answers = this.#answers.get(answersKey);
    if (!answers) {
      answers = new Map();
      this.#answers.set(answersKey, answers, ttl);
    }
    if (answers.has(userId)) return { accepted: false, reason: 'already_answered' };
    answers.set(userId, letter);
    this.#answers.expire(answersKey, ttl);
    const correct = record.correct === letter;
    const boardKey = this.keys.leaderboard(key);
    let board = this.#leaderboards.get(boardKey);
    if (!board) {
      board = new Map();
      this.#leaderboards.set(boardKey, board, ttl);
    }
    if (correct) board.set(userId, (board.get(userId) ?? 0) + 1);
    this.#leaderboards.expire(boardKey, ttl);
    return { accepted: true, correct };
  }

  async endQuizRound(key: ConversationKey, roundId: string): Promise<QuizOutcome | undefined> {
    const record = this.#rounds.get(this.keys.quizRound(key));
    if (!record || record.id !== roundId) return undefined;
    const wasOpen = record.open === '1';
    record.open = '0';
    const answers = [
      ...(this.#answers.get(this.keys.quizAnswers(key)) ?? new Map<string, AnswerLetter>()),
    ].map(([userId, letter]) => ({ userId, letter, correct: letter === record.correct }));
    return { round: parseRound(record.id, record.correct, record.open, record.json), wasOpen, answers };
  }

  async leaderboard(key: ConversationKey, topN: number): Promise<LeaderboardEntry[]> {
    const board = this.#leaderboards.get(this.keys.leaderboard(key));
    if (!board) return [];
    // Same order as ZREVRANGE: score descending, then member descending.
    return [...board]
      .map(([userId, score]) => ({ userId, score }))
      .sort((a, b) => b.score - a.score || (a.userId < b.userId ? 1 : a.userId > b.userId ? -1 : 0))
      .slice(0, Math.max(0, topN));
  }

  async hitRateLimit(rule: RateLimitRule, nowMs?: number): Promise<RateLimitDecision> {
    const window = rateWindow(nowMs ?? this.#options.now(), rule.windowSeconds);
    const name = this.keys.rateWindow(rule.scope, rule.id, window.index);
    const count = (this.#rateCounters.get(name) ?? 0) + 1;
    // The window's expiry is set by its first request only, as INCR + EXPIRE-on-create does in Redis.
    if (!this.#rateCounters.update(name, count)) this.#rateCounters.set(name, count, rule.windowSeconds);
    return rateDecision(rule, count, window.retryAfterSeconds);
  }

  async getPrefs(key: ConversationKey, userId: string): Promise<UserPrefs | undefined> {
    return parsePrefs(this.#prefs.get(this.keys.prefs(key))?.get(userId));
  }

  async setPrefs(key: ConversationKey, userId: string, prefs: UserPrefs, options?: TtlOption): Promise<void> {
    const json = serializePrefs(prefs);
    const name = this.keys.prefs(key);
    const ttl = this.#ttl(options);
    const all = this.#prefs.get(name) ?? new Map<string, string>();
    all.set(userId, json);
    this.#prefs.set(name, all, ttl);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    for (const map of this.#maps()) map.clear();
  }

  #ttl(options?: TtlOption): number {
    return checkTtl(options?.ttlSeconds ?? this.#options.ttlSeconds);
  }

  #maps(): TtlLru<unknown>[] {
    return [
      this.#conversations,
      this.#prefs,
      this.#rounds,
      this.#answers,
      this.#leaderboards,
      this.#events,
      this.#rateCounters,
      this.#blobs,
      this.#results,
    ] as TtlLru<unknown>[];
  }
}
