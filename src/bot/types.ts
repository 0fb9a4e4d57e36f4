/**
 * The bot's contract with every adapter: one `InboundMessage` in, one or more `Reply`s out. No chat
 * SDK type crosses this line; adapters translate both ways (Slack, Teams, web chat, terminal).
 */
import type { ConversationKey } from '../cache/keys.js';
import type { AnswerLetter } from '../pipeline/organs.js';

export type { ConversationKey, Platform } from '../cache/keys.js';

/** A file the user sent, already downloaded and size-checked by the adapter. */
export interface InboundAttachment {
  name: string;
  /** The platform's declared type; the bot sniffs the bytes itself and never trusts this alone. */
  contentType?: string;
  bytes: Uint8Array;
}

/** A button the user pressed (quiz answers, "reveal", "start quiz"). */
export interface InboundAction {
  /** The `ReplyButton.action` it came from. */
  action: string;
  /** The `ReplyButton.value` it came from. */
  value: string;
}

export interface InboundMessage {
  conversation: ConversationKey;
  user: { id: string; name?: string };
  /** What the user typed, with any bot mention already removed by the adapter. */
  text: string;
  attachments: InboundAttachment[];
  /** A pressed button, instead of or as well as text. */
  action?: InboundAction;
  /** The platform's delivery id; the same id delivered twice is answered once. */
  eventId?: string;
  /** True when the user addressed a whole channel and may be a teacher (slash command, app mention). */
  fromCommand?: string;
}

export interface ReplyImage {
  png: Buffer;
  /** Letters of the organs highlighted in the picture (empty or absent for a plain slice). */
  organs?: AnswerLetter[];
  /** What the picture shows, in words, for screen readers and platforms that show alt text. */
  altText: string;
  fileName: string;
  width: number;
  height: number;
}

export interface ReplyFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  /** One line saying what the file is and how to open it. */
  description: string;
}

export interface ReplyButton {
  /** Machine name sent back in `InboundAction.action` ("quiz-answer", "quiz-reveal", "quiz-start"). */
  action: string;
  value: string;
  /** Visible label; also what a keyboard or screen-reader user hears. */
  label: string;
  /** What to type instead of pressing the button (every button has a text equivalent). */
  textEquivalent: string;
  style?: 'primary' | 'danger';
}

export interface AnsweredOrganSummary {
  letter: AnswerLetter;
  name: string;
  bbox: [number, number, number, number];
  areaPx: number;
  areaCm2?: number;
  confidence: number;
}

/** The structured answer to an organ question (the same keys as `organ-seg ask --json`). */
export interface ReplyAnswer {
  letters: AnswerLetter[];
  names: string[];
  noneOfThem: boolean;
  explanation: string;
  organs: AnsweredOrganSummary[];
}

export type ReplyKind = 'answer' | 'info' | 'help' | 'progress' | 'quiz' | 'error';

export interface Reply {
  kind: ReplyKind;
  /** The message, plain text with light Markdown (*bold*, line breaks); adapters convert it. */
  text: string;
  answer?: ReplyAnswer;
  image?: ReplyImage;
  files?: ReplyFile[];
  buttons?: ReplyButton[];
  /** For `error` replies: the coded error, for logs and tests (never shown raw to users). */
  errorCode?: string;
  /** Slice shown (0-based display index) and how many there are, for volumes. */
  slice?: { index: number; count: number };
}

/** Sends a reply to a conversation outside a request (quiz timers ending a round). */
export type DeliverFn = (conversation: ConversationKey, reply: Reply) => Promise<void>;

/** Progress notes while slow work runs ("Analysing the slice…"); adapters show them their own way. */
export type ProgressFn = (note: string) => void;

export interface ChatBot {
  handle(message: InboundMessage, progress?: ProgressFn): Promise<Reply[]>;
  /** Registers where asynchronous replies (quiz round ends) go, per platform. */
  setDeliver(platform: ConversationKey['platform'], deliver: DeliverFn): void;
  close(): Promise<void>;
}
