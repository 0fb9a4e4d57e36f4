/**
 * Every key the state layer writes, built in one place (bullmq `queue-keys.ts`). Both stores use
 * these names, so the memory store is laid out exactly like Redis and `forget` has one list to
 * delete.
 */

export type Platform = 'slack' | 'teams' | 'web' | 'cli';

/**
 * Where a conversation lives: a Slack thread, a Teams reply chain, a DM, a web session.
 * `workspace` is the Slack team or Teams tenant; `thread` is absent for a DM or a channel-level
 * conversation.
 */
export interface ConversationKey {
  platform: Platform;
  workspace: string;
  channel: string;
  thread?: string;
}

/** Identifies one cached segmentation: which image, which model, which slice (and any variant). */
export interface ResultKey {
  /** sha256 (hex) of the image bytes, as returned by `putBlob`. */
  imageHash: string;
  /** Model name and version; a new model never reads an old model's masks. */
  modelVersion: string;
  /** 0-based display slice. */
  slice: number;
  /** Anything else that changes the mask (e.g. `refined`); empty by default. */
  variant?: string;
}

export type RateLimitScope = 'user' | 'channel';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isContentHash(value: string): boolean {
  return SHA256_HEX.test(value);
}

/**
 * Escapes one key part so no id can forge a separator or a SCAN glob: ':' in a Teams
 * conversation id ("19:abc@thread.skype") must not collide with the next part, and '*', '?',
 * '[' must not widen a `SCAN MATCH` over the prefix.
 */
export function escapeKeyPart(part: string): string {
  return encodeURIComponent(part).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export class KeyBuilder {
  readonly prefix: string;

  constructor(prefix: string) {
    if (prefix === '') throw new RangeError('key prefix must not be empty');
    this.prefix = escapeKeyPart(prefix);
  }

  /** The conversation's identity as one key-safe string: platform:workspace:channel:thread. */
  conversationId(key: ConversationKey): string {
    return [key.platform, key.workspace, key.channel, key.thread ?? ''].map(escapeKeyPart).join(':');
  }

  /** The channel the conversation is in (thread dropped): leaderboards are per channel. */
  channelId(key: ConversationKey): string {
    return [key.platform, key.workspace, key.channel].map(escapeKeyPart).join(':');
  }

  /** JSON `ConversationState`. */
  conversation(key: ConversationKey): string {
    return `${this.prefix}:conv:${this.conversationId(key)}`;
  }

  /** Hash userId → JSON `UserPrefs`, scoped to the conversation. */
  prefs(key: ConversationKey): string {
    return `${this.prefix}:prefs:${this.conversationId(key)}`;
  }

  /** Hash with the conversation's current quiz round (id, correct letter, open flag, data). */
  quizRound(key: ConversationKey): string {
    return `${this.prefix}:quiz:${this.conversationId(key)}`;
  }

  /** Hash userId → letter for the current round: a user is graded when HSETNX adds their field. */
  quizAnswers(key: ConversationKey): string {
    return `${this.prefix}:quiz-answers:${this.conversationId(key)}`;
  }

  /** Sorted set userId → correct answers, per channel. */
  leaderboard(key: ConversationKey): string {
    return `${this.prefix}:leaderboard:${this.channelId(key)}`;
  }

  /** Content-addressed image bytes, shared by every conversation that uploads them. */
  blob(hash: string): string {
    if (!isContentHash(hash)) throw new RangeError('blob keys take a sha256 hex digest');
    return `${this.prefix}:blob:${hash}`;
  }

  /** Encoded segmentation result (see `codec.ts`). */
  result(key: ResultKey): string {
    if (!isContentHash(key.imageHash)) throw new RangeError('result keys take a sha256 hex digest');
    if (!Number.isInteger(key.slice) || key.slice < 0)
      throw new RangeError('slice must be a non-negative integer');
    const parts = [key.imageHash, key.modelVersion, String(key.slice), key.variant ?? ''].map(escapeKeyPart);
    return `${this.prefix}:result:${parts.join(':')}`;
  }

  /** Marker that an inbound event (Slack event_id, Teams activity id) was already handled. */
  event(eventId: string): string {
    return `${this.prefix}:event:${escapeKeyPart(eventId)}`;
  }

  /** Counter for one fixed rate-limit window. */
  rateWindow(scope: RateLimitScope, id: string, windowIndex: number): string {
    return `${this.prefix}:rate:${scope}:${escapeKeyPart(id)}:${windowIndex}`;
  }

  /** Every per-conversation key `forget` deletes (the leaderboard only when the key is the channel). */
  conversationKeys(key: ConversationKey): string[] {
    const keys = [this.conversation(key), this.prefs(key), this.quizRound(key), this.quizAnswers(key)];
    if (key.thread === undefined || key.thread === '') keys.push(this.leaderboard(key));
    return keys;
  }
}
