/**
 * The local web chat: a static page plus a small JSON API on the shared HTTP server.
 *
 * - `GET /` — the page (plain HTML/CSS/JS from `static/`, no build step, no CDN).
 * - `POST /web/api/messages` — JSON `{ text, files: [{ name, contentType, data: base64 }], action,
 *   messageId }` with header `X-Session-Id`; answers with newline-delimited JSON: progress notes
 *   first, then each reply, then `{ "type": "done" }`, so the page shows progress on slow work.
 * - `GET /web/api/events?session=…` — Server-Sent Events with replies that arrive outside a request
 *   (a quiz round ending), delivered through `bot.setDeliver('web', …)`.
 *
 * The `X-Session-Id` header doubles as a CSRF guard: a cross-site form cannot set it, and a script
 * on another origin needs a CORS preflight this server never grants.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ChatBot, ConversationKey, Reply } from '../../bot/types.js';
import { DEFAULT_INPUT_LIMITS, PACKAGE_ROOT } from '../../config.js';
import { type Logger, silentLogger } from '../../logger.js';
import { type HttpServer, readBody, sendJson } from '../../server.js';
import { assertWebChatExposure, authorizeWebRequest } from './auth.js';
import {
  failureReply,
  formatSize,
  SESSION_ID_PATTERN,
  sseReplyEvent,
  streamLine,
  toInboundMessage,
  toWebReply,
  WebRequestError,
  type WebStreamEvent,
} from './translate.js';

export interface WebChatOptions {
  bot: ChatBot;
  /** Required when `host` is not a loopback address (config `webChatToken`, env `WEB_CHAT_TOKEN`). */
  token?: string;
  /** The server's bind address (config `host`); decides whether a token is required. Default `127.0.0.1`. */
  host?: string;
  /** Largest file accepted, in bytes (config `inputLimits.maxBytes`). Default 256 MiB. */
  maxFileBytes?: number;
  logger?: Logger;
  /** Replies kept per session while no event stream is open (default 20; older ones are dropped). */
  maxPendingPerSession?: number;
  /** Seconds between SSE keep-alive comments, so proxies do not cut an idle stream (default 25). */
  heartbeatSeconds?: number;
  /** Where the page's files are. Default: `src/adapters/web/static` in the installed package. */
  staticDir?: string;
}

export interface WebChatMetrics {
  /** Requests refused for a missing or wrong token, or a non-localhost Host without one. */
  authFailures: number;
  messages: number;
  botFailures: number;
  openStreams: number;
  pendingReplies: number;
}

export interface WebChat {
  metrics(): WebChatMetrics;
  /** Ends every open event stream (called when the server starts shutting down). */
  endStreams(): void;
}

const STATIC_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // The first link may carry ?token=…; never leak it to another site.
  'referrer-policy': 'no-referrer',
};

/** Base64 grows a file by 4/3; JSON and the question add a little. */
function bodyLimitFor(maxFileBytes: number): number {
  return Math.ceil((maxFileBytes * 4) / 3) + 64 * 1024;
}

/**
 * Mounts the web chat on `server` and registers its counters (`/healthz` → `metrics.web`) and its
 * shutdown hook. Throws `config_invalid` when `host` is reachable from other machines and no token
 * is set.
 */
export function mountWebChat(server: HttpServer, options: WebChatOptions): WebChat {
  const { bot, token } = options;
  assertWebChatExposure(options.host ?? '127.0.0.1', token);
  const logger = (options.logger ?? silentLogger).child({ component: 'web' });
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_INPUT_LIMITS.maxBytes;
  const maxPending = options.maxPendingPerSession ?? 20;
  const heartbeatMs = (options.heartbeatSeconds ?? 25) * 1000;
  const staticDir = options.staticDir ?? join(PACKAGE_ROOT, 'src', 'adapters', 'web', 'static');
  const assets = new Map(
    Object.entries(STATIC_FILES).map(([name, type]) => [
      name,
      { type, body: readFileSync(join(staticDir, name)) },
    ]),
  );

  // Say the limit in file bytes, the number the user knows, not the base64 body limit.
  const tooLargeMessage = `That upload is over the ${formatSize(maxFileBytes)} limit. Send a single slice or a smaller series.`;
  const counters = { authFailures: 0, messages: 0, botFailures: 0 };
  const streams = new Map<string, Set<ServerResponse>>();
  const pending = new Map<string, string[]>();

  function serveAsset(name: string, res: ServerResponse): void {
    const asset = assets.get(name);
    if (!asset) {
      sendJson(res, 404, { error: 'not_found', message: 'No such file.' });
      return;
    }
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.body.length,
      'cache-control': 'no-cache',
      ...PAGE_HEADERS,
    });
    res.end(asset.body);
  }

  /** Auth and session checks shared by the API routes; answers and returns undefined on failure. */
  function admit(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    sessionId: string | undefined,
  ): string | undefined {
    const auth = authorizeWebRequest(req, url, token);
    if (!auth.ok) {
      counters.authFailures++;
      logger.warn({ status: auth.status, path: url.pathname }, 'web chat request refused');
      sendJson(res, auth.status, {
        error: auth.status === 401 ? 'unauthorized' : 'forbidden',
        message: auth.message,
      });
      return undefined;
    }
    if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) {
      sendJson(res, 400, {
        error: 'no_session',
        message: 'The page lost its session. Reload the page and try again.',
      });
      return undefined;
    }
    return sessionId;
  }

  async function postMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const sessionId = admit(req, res, url, header(req, 'x-session-id'));
    if (!sessionId) return;
    let message: ReturnType<typeof toInboundMessage>;
    try {
      if (!header(req, 'content-type')?.startsWith('application/json')) {
        throw new WebRequestError(
          415,
          'unsupported_media_type',
          'Send the message as JSON. Reload the page and try again.',
        );
      }
      const body = await readBody(req, bodyLimitFor(maxFileBytes));
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw new WebRequestError(
          400,
          'bad_request',
          'The page sent a message the server could not read. Reload the page and try again.',
        );
      }
      message = toInboundMessage(json, sessionId, maxFileBytes);
    } catch (error) {
      if (error instanceof WebRequestError) {
        sendJson(res, error.status, { error: error.code, message: error.message });
        return;
      }
      throw error; // PayloadTooLargeError → the server's 413 with `tooLargeMessage`
    }
    counters.messages++;
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const write = (event: WebStreamEvent) => {
      if (!res.writableEnded && !res.destroyed) res.write(streamLine(event));
    };
    // Flush the headers now so the page knows the message arrived before the first progress note.
    res.flushHeaders();
    let replies: Reply[];
    try {
      replies = await bot.handle(message, (note) => write({ type: 'progress', note }));
    } catch (error) {
      counters.botFailures++;
      logger.error({ err: error, session: sessionId }, 'bot failed on a web message');
      write({ type: 'reply', reply: failureReply() });
      write({ type: 'done' });
      res.end();
      return;
    }
    for (const reply of replies) write({ type: 'reply', reply: toWebReply(reply) });
    write({ type: 'done' });
    res.end();
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const sessionId = admit(req, res, url, url.searchParams.get('session') ?? undefined);
    if (!sessionId) return;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    let set = streams.get(sessionId);
    if (!set) {
      set = new Set();
      streams.set(sessionId, set);
    }
    set.add(res);
    for (const event of pending.get(sessionId) ?? []) res.write(event);
    pending.delete(sessionId);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    res.once('close', () => {
      clearInterval(heartbeat);
      const open = streams.get(sessionId);
      open?.delete(res);
      if (open?.size === 0) streams.delete(sessionId);
    });
  }

  async function deliver(conversation: ConversationKey, reply: Reply): Promise<void> {
    const event = sseReplyEvent(toWebReply(reply));
    const open = streams.get(conversation.channel);
    if (open && open.size > 0) {
      for (const res of open) res.write(event);
      return;
    }
    // No tab listening right now (reloading, asleep): keep the newest few for when it reconnects.
    const queue = pending.get(conversation.channel) ?? [];
    queue.push(event);
    if (queue.length > maxPending) queue.splice(0, queue.length - maxPending);
    pending.delete(conversation.channel);
    pending.set(conversation.channel, queue);
    // Bound the number of sessions remembered too: drop the least recently queued.
    while (pending.size > 1000) {
      const oldest = pending.keys().next().value as string;
      pending.delete(oldest);
    }
  }

  function endStreams(): void {
    for (const set of streams.values()) for (const res of set) res.end();
    streams.clear();
  }

  const page = (_req: IncomingMessage, res: ServerResponse) => serveAsset('index.html', res);
  server
    .route('GET', '/', page)
    .route('GET', '/web/', page)
    .route('GET', '/web/static/*', (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      serveAsset(path.slice('/web/static/'.length), res);
    })
    .route('POST', '/web/api/messages', postMessage, {
      maxBodyBytes: bodyLimitFor(maxFileBytes),
      tooLargeMessage,
    })
    .route('GET', '/web/api/events', openEvents);

  const chat: WebChat = {
    metrics: () => ({
      ...counters,
      openStreams: [...streams.values()].reduce((n, s) => n + s.size, 0),
      pendingReplies: [...pending.values()].reduce((n, q) => n + q.length, 0),
    }),
    endStreams,
  };
  server.registerMetrics('web', () => ({ ...chat.metrics() }));
  server.onShutdown(endStreams);
  bot.setDeliver('web', deliver);
  return chat;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
