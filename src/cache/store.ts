/**
 * The conversation store: everything the bot remembers between messages, behind one narrow,
 * async interface with a memory and a Redis implementation (bolt-js `conversation-store.ts`).
 *
 * What is kept, per conversation (platform + workspace + channel + thread or DM): the active image
 * (by content hash; the bytes live once under that hash), the display state, a bounded turn history,
 * an undo stack, the quiz round, per-user preferences. Shared across conversations: image bytes and
 * segmentation results by content hash, inbound-event dedupe markers, rate-limit counters.
 *
 * Everything has a TTL (default 24 h). Nothing identifying from DICOM headers is stored: state is
 * checked for DICOM patient/study attributes on save, and `putBlob` refuses DICOM Part 10 files
 * (store a de-identified encoding of the pixels instead).
 */
import { ErrorCode, ServiceError } from '../errors.js';
import type { DicomSourceReference, ImageFormat, Modality } from '../pipeline/decode/types.js';
import type { AnswerLetter, OrganId } from '../pipeline/organs.js';
import type { ConversationKey, RateLimitScope, ResultKey } from './keys.js';

export type { ConversationKey, Platform, RateLimitScope, ResultKey } from './keys.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The user-facing message every store failure carries. */
export const STATE_UNAVAILABLE_MESSAGE =
  'Conversation state is temporarily unavailable. Please try again in a moment.';

export function stateUnavailable(cause: unknown, detail?: string): ServiceError {
  return new ServiceError(ErrorCode.StateUnavailable, STATE_UNAVAILABLE_MESSAGE, {
    cause,
    detail: detail ?? (cause instanceof Error ? cause.message : undefined),
  });
}

/** The image a conversation is about. The bytes are fetched with `getBlob(hash)`. */
export interface ActiveImage {
  /** sha256 hex of the stored bytes (`putBlob`). */
  hash: string;
  /** The name the user uploaded it under, shown back to them. */
  fileName?: string;
  format: ImageFormat;
  modality?: Modality;
  sliceCount: number;
  /** The slice currently shown (0-based display index). */
  slice: number;
  width?: number;
  height?: number;
  /** Non-identifying description from the decoder ("DICOM CT 512×512"). */
  description?: string;
  /** When it was uploaded, ms since the epoch. */
  uploadedAt: number;
  /** DICOM uploads: UIDs and geometry for a DICOM SEG export (no patient or study identity). */
  dicomSource?: DicomSourceReference;
}

export type OverlayStyle = 'filled' | 'outline' | 'filled+outline';

/** How masks are drawn. */
export interface DisplaySettings {
  style: OverlayStyle;
  /** Fill opacity, 0..1. */
  opacity: number;
  /** Organ name labels on the image. */
  labels: boolean;
  /** Colour legend under the image. */
  legend: boolean;
}

export const DEFAULT_DISPLAY: DisplaySettings = {
  style: 'filled+outline',
  opacity: 0.4,
  labels: true,
  legend: true,
};

/** What is on screen; the undo stack holds earlier ones. */
export interface DisplayState {
  /** Organs whose masks are shown, in the order they were asked for. */
  selection: OrganId[];
  slice: number;
  display: DisplaySettings;
}

export interface ConversationTurn {
  role: 'user' | 'bot';
  /** Platform user id for user turns. */
  userId?: string;
  text: string;
  /** ms since the epoch. */
  at: number;
  /** What the bot understood or did ("question", "show", "quiz-answer"), for follow-ups. */
  intent?: string;
  /** The answer letter given or asked about, when there was one. */
  answer?: AnswerLetter;
}

/**
 * One conversation's memory. JSON-serialisable; the store bounds `history` and `undo` on save
 * (oldest dropped) so a long thread never grows without limit.
 */
export interface ConversationState {
  /** Layout version; a store returns `undefined` for a version it does not know. */
  version: 1;
  activeImage?: ActiveImage;
  selection: OrganId[];
  display: DisplaySettings;
  history: ConversationTurn[];
  undo: DisplayState[];
  /** The quiz round this conversation is running, if any (grading state lives in the store's quiz keys). */
  quizRoundId?: string;
  /** Anything else the bot needs; JSON only, never DICOM header values. */
  extra?: JsonObject;
  /** ms since the epoch; set by the caller. */
  updatedAt: number;
}

export function emptyConversation(now: number): ConversationState {
  return {
    version: 1,
    selection: [],
    display: { ...DEFAULT_DISPLAY },
    history: [],
    undo: [],
    updatedAt: now,
  };
}

/** Per-user display preferences, kept per conversation. */
export interface UserPrefs {
  display?: Partial<DisplaySettings>;
  /** Reply length the user asked for. */
  verbosity?: 'brief' | 'detailed';
  extra?: JsonObject;
}

/**
 * A segmentation result as cached by image content hash. Label maps are stored compressed
 * (deflate: a 512×512 map of 14 labels shrinks from 256 KiB to a few KiB).
 */
export interface CachedSegmentation {
  width: number;
  height: number;
  /** Row-major, `width * height` long: 0 background, 1..13 `OrganId`. */
  labels: Uint8Array;
  /** Anything else the pipeline reports (areas, scores, timings, geometry); JSON only. */
  details?: JsonObject;
}

export interface NewQuizRound {
  /** Unique per round (the bot makes it, e.g. from a random source it injects). */
  roundId: string;
  correct: AnswerLetter;
  /** What the bot needs to reveal the answer later (image hash, slice, organ); JSON only. */
  data?: JsonObject;
  /** ms since the epoch. */
  startedAt: number;
}

export interface QuizRound extends NewQuizRound {
  open: boolean;
}

export type QuizAnswerResult =
  | { accepted: true; correct: boolean }
  | { accepted: false; reason: 'no_round' | 'closed' | 'already_answered' };

export interface QuizOutcome {
  round: QuizRound;
  /** False when the round had already been ended (a repeated "end quiz"). */
  wasOpen: boolean;
  answers: { userId: string; letter: AnswerLetter; correct: boolean }[];
}

export interface LeaderboardEntry {
  userId: string;
  score: number;
}

export interface RateLimitRule {
  scope: RateLimitScope;
  /** The user or channel id (include the platform and workspace to keep them apart). */
  id: string;
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests counted in this window, this one included. */
  count: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

/** The friendly error for a request over its rate limit. */
export function rateLimitedError(rule: RateLimitRule, decision: RateLimitDecision): ServiceError {
  const who = rule.scope === 'user' ? 'You are' : 'This channel is';
  return new ServiceError(
    ErrorCode.RateLimited,
    `${who} sending requests faster than I can answer. Please try again in ${decision.retryAfterSeconds} s.`,
  );
}

export interface TtlOption {
  /** Overrides the store's default TTL for this write. */
  ttlSeconds?: number;
}

export interface ConversationStore {
  /** One line for start-up logs: which backend, where (never a password). */
  readonly description: string;

  getConversation(key: ConversationKey): Promise<ConversationState | undefined>;
  /** Replaces the state (last writer wins); bounds history and undo; refreshes the TTL. */
  saveConversation(key: ConversationKey, state: ConversationState, options?: TtlOption): Promise<void>;
  /**
   * Deletes everything of this conversation at once: state, history, undo, quiz round and answers,
   * preferences, and, for a channel-level key (no thread), the channel leaderboard. Image bytes and
   * segmentation results are shared by content hash between conversations and are not deleted: they
   * expire with their TTL (default 24 h after last use).
   */
  forget(key: ConversationKey): Promise<void>;

  /** Stores bytes once under their sha256 and returns it; storing them again only refreshes the TTL. */
  putBlob(bytes: Uint8Array, options?: TtlOption): Promise<string>;
  /** The bytes, with the TTL refreshed; `undefined` once expired. */
  getBlob(hash: string): Promise<Uint8Array | undefined>;

  getResult(key: ResultKey): Promise<CachedSegmentation | undefined>;
  putResult(key: ResultKey, result: CachedSegmentation, options?: TtlOption): Promise<void>;

  /** True the first time an event id is seen within `ttlSeconds` (SET NX EX): answer only then. */
  claimEvent(eventId: string, ttlSeconds?: number): Promise<boolean>;

  /** Starts a round, replacing any previous one in this conversation (its answers are discarded). */
  startQuizRound(key: ConversationKey, round: NewQuizRound, options?: TtlOption): Promise<QuizRound>;
  getQuizRound(key: ConversationKey): Promise<QuizRound | undefined>;
  /** Grades a user's first answer in the round exactly once, even under concurrent deliveries. */
  submitQuizAnswer(
    key: ConversationKey,
    roundId: string,
    userId: string,
    letter: AnswerLetter,
  ): Promise<QuizAnswerResult>;
  /** Closes the round and returns every answer; `undefined` when no such round exists. */
  endQuizRound(key: ConversationKey, roundId: string): Promise<QuizOutcome | undefined>;
  /** Top `topN` users of the key's channel by correct answers, best first. */
  leaderboard(key: ConversationKey, topN: number): Promise<LeaderboardEntry[]>;

  /** Counts one request in a fixed window; `nowMs` defaults to the store's clock. */
  hitRateLimit(rule: RateLimitRule, nowMs?: number): Promise<RateLimitDecision>;

  getPrefs(key: ConversationKey, userId: string): Promise<UserPrefs | undefined>;
  setPrefs(key: ConversationKey, userId: string, prefs: UserPrefs, options?: TtlOption): Promise<void>;

  /** Resolves when the backend answers; rejects with `StateUnavailable` otherwise (for health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Options both stores take. */
export interface StoreOptions {
  /** Default TTL of every key, in seconds (default 24 h). */
  ttlSeconds?: number;
  /** Turns kept in `history` (default 20; oldest dropped). */
  historyLimit?: number;
  /** Display states kept in `undo` (default 10; oldest dropped). */
  undoLimit?: number;
  /** Default TTL of event-dedupe markers, in seconds (default 1 h: Slack retries within minutes). */
  eventTtlSeconds?: number;
  /** Clock for rate-limit windows and memory TTLs, ms since the epoch (default `Date.now`). */
  now?: () => number;
}

export const DEFAULT_TTL_SECONDS = 24 * 3600;
export const DEFAULT_HISTORY_LIMIT = 20;
export const DEFAULT_UNDO_LIMIT = 10;
export const DEFAULT_EVENT_TTL_SECONDS = 3600;
