/**
 * Bolt receiver for Slack's HTTP delivery (Events API, slash commands, interactivity), mounted by the
 * app's own HTTP server at `POST /slack/events` through `requestListener`. Bolt's `HTTPReceiver`
 * would work too, but it owns a server and gives no hook to count rejected requests or to answer
 * retries before the app runs; this one keeps Bolt's pieces (body buffering, signature check,
 * `HTTPResponseAck`) and adds those two.
 *
 * Order per request: buffer (size-limited) → timestamp within 5 minutes → v0 HMAC signature →
 * parse → `ssl_check` / `url_verification` → event-id dedupe → `app.processEvent` (listeners ack at
 * once and do the slow work after the response is sent).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
  type ReceiverEvent,
  verifySlackRequest,
} from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { EventDedupe } from './dedupe.js';
import { toSlackLogger } from './slack-logger.js';

/** Slack's replay window: requests signed more than 5 minutes from now are refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** Slack payloads are small; anything larger than this is not from Slack (Bolt's default is 10 MB). */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export type RejectionReason = 'signature' | 'stale' | 'malformed' | 'too_large';

/** Counters for what arrived at `/slack/events`; the composition root can expose them. */
export interface SlackRequestStats {
  accepted: number;
  duplicates: number;
  rejected: Record<RejectionReason, number>;
}

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Retries and duplicate deliveries of accepted event ids are answered here. */
  dedupe: EventDedupe;
  /** Clock in ms since the epoch, for the signature window (default `Date.now`). */
  now?: () => number;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Called once per rejected request, after it is counted. */
  onRejected?: (reason: RejectionReason) => void;
}

export class SlackHttpReceiver implements Receiver {
  readonly stats: SlackRequestStats = {
    accepted: 0,
    duplicates: 0,
    rejected: { signature: 0, stale: 0, malformed: 0, too_large: 0 },
  };

  private app?: App;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The server is the composition root's; there is nothing to listen on here. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when every accepted request's listeners have finished (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Node request handler for `POST /slack/events`. */
  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req, res).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'slack request failed');
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    });
  };

  private reject(res: ServerResponse, status: number, reason: RejectionReason, detail: string): void {
    this.stats.rejected[reason] += 1;
    this.options.logger.warn({ reason, detail }, 'rejected a request to /slack/events');
    this.options.onRejected?.(reason);
    HTTPModuleFunctions.buildNoBodyResponse(res, status);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(
        req,
        this.options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      );
    } catch (error) {
      if (HTTPModuleFunctions.isRawBodyError(error) && error.type === 'entity.too.large') {
        this.reject(res, 413, 'too_large', 'body over the limit');
      } else {
        this.reject(res, 400, 'malformed', error instanceof Error ? error.message : String(error));
      }
      return;
    }

    const signature = headerValue(req, 'x-slack-signature');
    const timestamp = Number(headerValue(req, 'x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(timestamp)) {
      this.reject(res, 401, 'signature', 'missing signature headers');
      return;
    }
    const nowMs = this.now();
    // Bolt's check only refuses old timestamps; a replay window is symmetric.
    if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > SIGNATURE_WINDOW_SECONDS) {
      this.reject(res, 401, 'stale', 'timestamp outside the 5-minute window');
      return;
    }
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: buffered.rawBody.toString(),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
    } catch (error) {
      this.reject(res, 401, 'signature', error instanceof Error ? error.message : String(error));
      return;
    }

    // biome-ignore lint/suspicious/noExplicitAny: Slack bodies are JSON or form data of many shapes; Bolt narrows them.
    let body: any;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch (error) {
      this.reject(res, 400, 'malformed', error instanceof Error ? error.message : String(error));
      return;
    }
    if (body?.ssl_check === '1') {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return;
    }
    if (body?.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }

    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    const eventId: unknown = body?.event_id;
    if (typeof eventId === 'string' && !this.options.dedupe.claim(eventId)) {
      this.stats.duplicates += 1;
      this.options.logger.info({ eventId, retryNum }, 'duplicate Slack delivery answered without processing');
      // `X-Slack-No-Retry` tells Slack to stop retrying this event.
      res.writeHead(200, { 'X-Slack-No-Retry': '1' }).end();
      return;
    }
    this.stats.accepted += 1;

    if (!this.app) throw new Error('SlackHttpReceiver used before App.init');
    const ack = new HTTPResponseAck({
      logger: toSlackLogger(this.options.logger),
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum,
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    const work = this.app.processEvent(event).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'slack listener failed');
      // Bolt acks events itself; commands and actions whose listener threw before acking get an empty 200.
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 200);
    });
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
