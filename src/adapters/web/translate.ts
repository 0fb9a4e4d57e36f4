/**
 * Wire format of the web chat, both ways, as pure functions: the page's JSON request becomes one
 * `InboundMessage`; each `Reply` becomes a `WebReply` the page can render without another request
 * (images and files travel inline as data URLs, so the server keeps no per-reply state).
 */
import { z } from 'zod';
import type { InboundMessage, Reply, ReplyAnswer, ReplyButton } from '../../bot/types.js';

/** A session id the page made up (random, kept in sessionStorage): one conversation per browser tab. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file data must be base64');

/** What the page posts to `POST /web/api/messages`. */
export const webMessageSchema = z.object({
  text: z.string().max(4000).default(''),
  files: z
    .array(
      z.object({
        name: z.string().min(1).max(255),
        contentType: z.string().max(255).optional(),
        data: base64,
      }),
    )
    .max(2000)
    .default([]),
  action: z.object({ action: z.string().min(1).max(100), value: z.string().max(500) }).optional(),
  /** The page's id for this message, so a retried post is answered once. */
  messageId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export type WebMessageBody = z.input<typeof webMessageSchema>;

/** Why a web request could not become a message; the adapter answers with `status`. */
export class WebRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'WebRequestError';
    this.status = status;
    this.code = code;
  }
}

/** "256 MiB", "1.5 MiB", "900 KiB": the size in the unit a user reads at a glance. */
export function formatSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 10) return `${mib.toFixed(0)} MiB`;
  if (mib >= 1) return `${mib.toFixed(1)} MiB`;
  const kib = bytes / 1024;
  return `${kib >= 10 ? kib.toFixed(0) : Number(kib.toFixed(1))} KiB`;
}

/**
 * Turns the page's parsed JSON into one `InboundMessage` for the session's conversation. Each file is
 * decoded and checked against `maxFileBytes`; anything malformed is a `WebRequestError` with a
 * sentence the page shows as is.
 */
export function toInboundMessage(body: unknown, sessionId: string, maxFileBytes: number): InboundMessage {
  const parsed = webMessageSchema.safeParse(body);
  if (!parsed.success) {
    throw new WebRequestError(
      400,
      'bad_request',
      'The page sent a message the server could not read. Reload the page and try again.',
    );
  }
  const { text, files, action, messageId } = parsed.data;
  const attachments = files.map((file) => {
    const bytes = Buffer.from(file.data, 'base64');
    if (bytes.length > maxFileBytes) {
      throw new WebRequestError(
        413,
        'payload_too_large',
        `"${file.name}" is ${formatSize(bytes.length)}, over the ${formatSize(maxFileBytes)} limit. Send a single slice or a smaller series.`,
      );
    }
    return { name: file.name, contentType: file.contentType, bytes: new Uint8Array(bytes) };
  });
  if (text.trim() === '' && attachments.length === 0 && !action) {
    throw new WebRequestError(400, 'empty_message', 'Type a question or add a file first.');
  }
  return {
    conversation: { platform: 'web', workspace: 'local', channel: sessionId },
    user: { id: sessionId },
    text: text.trim(),
    attachments,
    action,
    eventId: messageId ? `web:${sessionId}:${messageId}` : undefined,
  };
}

/** A reply as the page receives it. */
export interface WebReply {
  kind: Reply['kind'];
  /** Plain text with light Markdown (*bold*, line breaks); the page renders it without HTML. */
  text: string;
  answer?: ReplyAnswer;
  image?: { src: string; altText: string; fileName: string; width: number; height: number };
  files?: { name: string; contentType: string; description: string; src: string }[];
  buttons?: ReplyButton[];
  errorCode?: string;
  slice?: { index: number; count: number };
}

function dataUrl(contentType: string, bytes: Uint8Array): string {
  return `data:${contentType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

/** Reply → the page's JSON. Every image keeps its alt text; every button its text equivalent. */
export function toWebReply(reply: Reply): WebReply {
  const out: WebReply = { kind: reply.kind, text: reply.text };
  if (reply.answer) out.answer = reply.answer;
  if (reply.image) {
    const { png, altText, fileName, width, height } = reply.image;
    out.image = {
      src: dataUrl('image/png', png),
      altText: altText || 'Overlay image',
      fileName,
      width,
      height,
    };
  }
  if (reply.files?.length) {
    out.files = reply.files.map((f) => ({
      name: f.name,
      contentType: f.contentType,
      description: f.description,
      src: dataUrl(f.contentType, f.bytes),
    }));
  }
  if (reply.buttons?.length) {
    out.buttons = reply.buttons.map((b) => ({ ...b, textEquivalent: b.textEquivalent || b.label }));
  }
  if (reply.errorCode) out.errorCode = reply.errorCode;
  if (reply.slice) out.slice = reply.slice;
  return out;
}

/** The one reply the page sees when the bot itself failed: friendly, no internals. */
export function failureReply(): WebReply {
  return {
    kind: 'error',
    text: 'Something went wrong on our side while answering. Please send your message again; if it keeps failing, reload the page.',
    errorCode: 'unknown',
  };
}

/** One line of the streamed answer to `POST /web/api/messages` (newline-delimited JSON). */
export type WebStreamEvent =
  | { type: 'progress'; note: string }
  | { type: 'reply'; reply: WebReply }
  | { type: 'done' };

export function streamLine(event: WebStreamEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** One Server-Sent Event carrying a reply that arrived outside a request (a quiz round ending). */
export function sseReplyEvent(reply: WebReply): string {
  return `event: reply\ndata: ${JSON.stringify(reply)}\n\n`;
}
