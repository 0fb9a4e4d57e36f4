/**
 * The Redis store: shared between replicas and kept across restarts. Multi-key operations are Lua
 * scripts, so each one is atomic on the server (quiz grading is exactly-once per user per round
 * however many answers arrive at once). Every failure reaching a caller is one coded error,
 * `StateUnavailable`, whose message a user can read.
 */
import { isCodedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { type AnswerLetter, isAnswerLetter } from '../pipeline/organs.js';
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
import { defineScript, NodeRedisClient, type RedisClientLike, redactRedisUrl } from './redis-client.js';
import {
  type CachedSegmentation,
  type ConversationState,
  type ConversationStore,
  type LeaderboardEntry,
  type NewQuizRound,
  type QuizAnswerResult,
  type QuizOutcome,
  type QuizRound,
  type RateLimitDecision,
  type RateLimitRule,
  type StoreOptions,
  stateUnavailable,
  type TtlOption,
  type UserPrefs,
} from './store.js';

/** GET that also pushes the expiry back: used images and results stay while they are in use. */
const GET_AND_TOUCH = defineScript(
  'get-and-touch',
  `local value = redis.call('GET', KEYS[1])
if value then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return value`,
);

const SET_PREFS = defineScript(
  'set-prefs',
  `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`,
);

/** A new round replaces the old one and its answers in one step. */
const QUIZ_START = defineScript(
  'quiz-start',
  `redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'correct', ARGV[2], 'open', '1', 'json', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`,
);

/**
 * Grading: HSETNX admits a user's first answer only; the score moves in the same script, so twenty
 * students answering in the same millisecond are each graded, and scored, exactly once.
 * KEYS: round, answers, leaderboard. ARGV: roundId, userId, letter, ttl.
 */
const QUIZ_SUBMIT = defineScript(
  'quiz-submit',
  `local round = redis.call('HMGET', KEYS[1], 'id', 'correct', 'open')
if round[1] ~= ARGV[1] then return {0, 'no_round'} end
if round[3] ~= '1' then return {0, 'closed'} end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return {0, 'already_answered'} end
redis.call('EXPIRE', KEYS[2], ARGV[4])
local correct = 0
if round[2] == ARGV[3] then
  redis.call('ZINCRBY', KEYS[3], 1, ARGV[2])
  correct = 1
end
redis.call('EXPIRE', KEYS[3], ARGV[4])
return {1, correct}`,
);

/** KEYS: round, answers. ARGV: roundId. Nil when the round is not the current one. */
const QUIZ_END = defineScript(
  'quiz-end',
  `local round = redis.call('HMGET', KEYS[1], 'id', 'correct', 'open', 'json')
if round[1] ~= ARGV[1] then return false end
redis.call('HSET', KEYS[1], 'open', '0')
return {round[2], round[3], round[4], redis.call('HGETALL', KEYS[2])}`,
);

/** Fixed-window counter: the window's first request sets its expiry. */
const RATE_HIT = defineScript(
  'rate-hit',
  `local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count`,
);

export interface RedisStoreOptions extends StoreOptions {
  /** Connects to this URL; ignored when `client` is given. */
  url?: string;
  /** A client to use instead (its lifecycle is the caller's, unless `close` is called). */
  client?: RedisClientLike & { close(): Promise<void>; ready?(timeoutMs: number): Promise<void> };
  /** Prefix of every key (default `organ-seg`). */
  prefix?: string;
  logger?: Logger;
  /** A command not answered within this many ms fails with `StateUnavailable` (default 2000). */
  commandTimeoutMs?: number;
  /** Longest wait between reconnect attempts, ms (default 2000). */
  maxReconnectDelayMs?: number;
  /**
   * Timeout of commands that move image bytes or label maps, ms (default 30,000: a 256 MiB volume
   * takes seconds on a remote Redis). A dead connection still fails at once; this only bounds a
   * slow one.
   */
  bulkTimeoutMs?: number;
}

export class RedisConversationStore implements ConversationStore {
  readonly description: string;
  readonly keys: KeyBuilder;
  readonly #redis: RedisClientLike & { close(): Promise<void>; ready?(timeoutMs: number): Promise<void> };
  readonly #options: ResolvedStoreOptions;
  readonly #logger: Logger;
  readonly #bulkTimeoutMs: number;

  constructor(options: RedisStoreOptions) {
    this.#options = resolveStoreOptions(options);
    this.#bulkTimeoutMs = options.bulkTimeoutMs ?? 30_000;
    this.#logger = options.logger ?? silentLogger;
    this.keys = new KeyBuilder(options.prefix ?? 'organ-seg');
    if (options.client) {
      this.#redis = options.client;
      this.description = `state: Redis (prefix ${options.prefix ?? 'organ-seg'})`;
    } else {
      if (!options.url) throw new TypeError('RedisConversationStore needs a url or a client');
      this.#redis = new NodeRedisClient({
        url: options.url,
        logger: this.#logger,
        commandTimeoutMs: options.commandTimeoutMs,
        maxReconnectDelayMs: options.maxReconnectDelayMs,
      });
      this.description = `state: Redis at ${redactRedisUrl(options.url)} (prefix ${options.prefix ?? 'organ-seg'})`;
    }
  }

  /** Waits for the first connection (start-up may call it; requests never need to). */
  async ready(timeoutMs = 5000): Promise<void> {
    await this.#run('ready', async () => {
      if (this.#redis.ready) await this.#redis.ready(timeoutMs);
      else await this.#redis.ping();
    });
  }

  async getConversation(key: ConversationKey): Promise<ConversationState | undefined> {
    const name = this.keys.conversation(key);
    return this.#run('getConversation', async () => parseState(await this.#redis.get(name)));
  }

  async saveConversation(key: ConversationKey, state: ConversationState, options?: TtlOption): Promise<void> {
    const json = serializeState(state, this.#options);
    const ttlSeconds = this.#ttl(options);
    const name = this.keys.conversation(key);
    await this.#run('saveConversation', () => this.#redis.set(name, json, { ttlSeconds }));
  }

  async forget(key: ConversationKey): Promise<void> {
    const names = this.keys.conversationKeys(key);
    await this.#run('forget', () => this.#redis.del(names));
  }

  async putBlob(bytes: Uint8Array, options?: TtlOption): Promise<string> {
    assertNotDicomFile(bytes);
    const hash = sha256Hex(bytes);
    const name = this.keys.blob(hash);
    const ttlSeconds = this.#ttl(options);
    await this.#run('putBlob', async () => {
      // Present already: refresh its TTL and send nothing else. Absent: SET NX, so two uploads of
      // the same image racing here still leave one copy.
      if (await this.#redis.expire(name, ttlSeconds)) return;
      await this.#redis.set(name, bytes, { ttlSeconds, onlyIfAbsent: true, timeoutMs: this.#bulkTimeoutMs });
    });
    return hash;
  }

  async getBlob(hash: string): Promise<Uint8Array | undefined> {
    if (!isContentHash(hash)) return undefined;
    const name = this.keys.blob(hash);
    const bytes = await this.#run('getBlob', () =>
      this.#redis.evalScript(GET_AND_TOUCH, [name], [String(this.#options.ttlSeconds)], {
        binary: true,
        timeoutMs: this.#bulkTimeoutMs,
      }),
    );
    return bytes instanceof Uint8Array
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : undefined;
  }

  async getResult(key: ResultKey): Promise<CachedSegmentation | undefined> {
    const name = this.keys.result(key);
    return this.#run('getResult', async () => {
      const bytes = await this.#redis.evalScript(GET_AND_TOUCH, [name], [String(this.#options.ttlSeconds)], {
        binary: true,
        timeoutMs: this.#bulkTimeoutMs,
      });
      return bytes instanceof Uint8Array ? decodeSegmentation(bytes) : undefined;
    });
  }

  async putResult(key: ResultKey, result: CachedSegmentation, options?: TtlOption): Promise<void> {
    const encoded = encodeSegmentation(result);
    const name = this.keys.result(key);
    const ttlSeconds = this.#ttl(options);
    await this.#run('putResult', () =>
      this.#redis.set(name, encoded, { ttlSeconds, timeoutMs: this.#bulkTimeoutMs }),
    );
  }

  async claimEvent(eventId: string, ttlSeconds?: number): Promise<boolean> {
    const name = this.keys.event(eventId);
    const ttl = checkTtl(ttlSeconds ?? this.#options.eventTtlSeconds);
    return this.#run('claimEvent', () => this.#redis.set(name, '1', { ttlSeconds: ttl, onlyIfAbsent: true }));
  }

  async startQuizRound(key: ConversationKey, round: NewQuizRound, options?: TtlOption): Promise<QuizRound> {
    checkNewRound(round);
    const args = [round.roundId, round.correct, serializeRound(round), String(this.#ttl(options))];
    const names = [this.keys.quizRound(key), this.keys.quizAnswers(key)];
    await this.#run('startQuizRound', () => this.#redis.evalScript(QUIZ_START, names, args));
    return { ...round, open: true };
  }

  async getQuizRound(key: ConversationKey): Promise<QuizRound | undefined> {
    const name = this.keys.quizRound(key);
    return this.#run('getQuizRound', async () => {
      const [id, correct, open, json] = await this.#redis.hmGet(name, ['id', 'correct', 'open', 'json']);
      if (id == null || correct == null || open == null || json == null) return undefined;
      return parseRound(id, correct, open, json);
    });
  }

  async submitQuizAnswer(
    key: ConversationKey,
    roundId: string,
    userId: string,
    letter: AnswerLetter,
  ): Promise<QuizAnswerResult> {
    if (!isAnswerLetter(letter)) throw new RangeError(`not an answer letter: ${letter}`);
    const names = [this.keys.quizRound(key), this.keys.quizAnswers(key), this.keys.leaderboard(key)];
    const args = [roundId, userId, letter, String(this.#options.ttlSeconds)];
    return this.#run('submitQuizAnswer', async () => {
      const [accepted, detail] = (await this.#redis.evalScript(QUIZ_SUBMIT, names, args)) as [
        number,
        number | string,
      ];
      if (accepted === 1) return { accepted: true, correct: detail === 1 };
      return { accepted: false, reason: detail as 'no_round' | 'closed' | 'already_answered' };
    });
  }

  async endQuizRound(key: ConversationKey, roundId: string): Promise<QuizOutcome | undefined> {
    const names = [this.keys.quizRound(key), this.keys.quizAnswers(key)];
    return this.#run('endQuizRound', async () => {
      const reply = (await this.#redis.evalScript(QUIZ_END, names, [roundId])) as
        | [string, string, string, string[]]
        | null;
      if (!reply) return undefined;
      const [correct, wasOpen, json, flat] = reply;
      const answers: QuizOutcome['answers'] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const letter = flat[i + 1] as AnswerLetter;
        answers.push({ userId: flat[i] as string, letter, correct: letter === correct });
      }
      return { round: parseRound(roundId, correct, '0', json), wasOpen: wasOpen === '1', answers };
    });
  }

  async leaderboard(key: ConversationKey, topN: number): Promise<LeaderboardEntry[]> {
    if (topN <= 0) return [];
    const name = this.keys.leaderboard(key);
    return this.#run('leaderboard', async () =>
      (await this.#redis.zRevRangeWithScores(name, 0, topN - 1)).map(({ member, score }) => ({
        userId: member,
        score,
      })),
    );
  }

  async hitRateLimit(rule: RateLimitRule, nowMs?: number): Promise<RateLimitDecision> {
    const window = rateWindow(nowMs ?? this.#options.now(), rule.windowSeconds);
    const name = this.keys.rateWindow(rule.scope, rule.id, window.index);
    return this.#run('hitRateLimit', async () => {
      const count = Number(await this.#redis.evalScript(RATE_HIT, [name], [String(rule.windowSeconds)]));
      return rateDecision(rule, count, window.retryAfterSeconds);
    });
  }

  async getPrefs(key: ConversationKey, userId: string): Promise<UserPrefs | undefined> {
    const name = this.keys.prefs(key);
    return this.#run('getPrefs', async () => parsePrefs(await this.#redis.hGet(name, userId)));
  }

  async setPrefs(key: ConversationKey, userId: string, prefs: UserPrefs, options?: TtlOption): Promise<void> {
    const json = serializePrefs(prefs);
    const name = this.keys.prefs(key);
    const ttl = String(this.#ttl(options));
    await this.#run('setPrefs', () => this.#redis.evalScript(SET_PREFS, [name], [userId, json, ttl]));
  }

  async ping(): Promise<void> {
    await this.#run('ping', () => this.#redis.ping());
  }

  async close(): Promise<void> {
    await this.#redis.close();
  }

  #ttl(options?: TtlOption): number {
    return checkTtl(options?.ttlSeconds ?? this.#options.ttlSeconds);
  }

  /** The boundary: whatever Redis or node-redis throws leaves here as `StateUnavailable`. */
  async #run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (isCodedError(error)) throw error;
      const detail = `${operation}: ${error instanceof Error ? error.message : String(error)}`;
      this.#logger.debug({ operation, err: detail }, 'state store call failed');
      throw stateUnavailable(error, detail);
    }
  }
}
