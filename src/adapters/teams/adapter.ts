/**
 * The Microsoft Teams transport: `POST /api/messages` from Azure Bot Service, verified with the
 * Microsoft 365 Agents SDK (`@microsoft/agents-hosting`, the successor of the archived `botbuilder`),
 * translated into one `InboundMessage`, answered by the bot, and sent back through the Bot
 * Connector `serviceUrl`.
 *
 * The HTTP request is acknowledged as soon as the activity is verified: segmentation can take
 * longer than the 15 s Bot Service waits, and a slow answer would otherwise be retried. The work
 * then runs as a proactive turn (`continueConversation`) that posts the replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import {
  type Request as AgentsRequest,
  type AuthConfiguration,
  CloudAdapter,
  ConnectorClient,
  type HeaderPropagationCollection,
  OutboundHostValidator,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { ChatBot, ConversationKey, InboundAttachment, ProgressFn, Reply } from '../../bot/types.js';
import { asCodedError, isCodedError } from '../../errors.js';
import { type Logger, silentLogger } from '../../logger.js';
import { downloadAttachment, unsupportedAttachmentError } from './attachments.js';
import { fitImageForTeams } from './image.js';
import {
  type AttachmentSource,
  activityOfReply,
  type InboundDecision,
  inboundFromActivity,
  type TeamsActivity,
} from './translate.js';

/** The bot's Entra app registration (the Azure Bot resource's "Microsoft App ID"). */
export interface TeamsAuthOptions {
  /** App (client) id; incoming tokens must be issued for it. */
  clientId: string;
  /** Client secret for outgoing calls; without one the SDK uses the managed identity. */
  clientSecret?: string;
  /** Tenant id for single-tenant bots; omitted for multi-tenant registrations. */
  tenantId?: string;
  /** Entra authority (default `https://login.microsoftonline.com`); tests point it at a local JWKS. */
  authorityEndpoint?: string;
  /** Accepted token issuers besides Microsoft's first-party ones (default: derived from the tenant). */
  issuers?: string[];
}

/** The SDK identity of a verified request (the JWT payload; empty when authentication is off). */
type TurnIdentity = TurnContext['identity'];

export interface TeamsAdapterOptions {
  bot: ChatBot;
  /**
   * How incoming requests are verified. Pass the app registration to validate every request's
   * Bot Framework JWT (the default and only production mode). The literal `'disabled-for-tests'`
   * turns verification off; it is deliberately not a boolean and `src/config.ts` never produces it,
   * so no environment variable can switch authentication off by accident.
   */
  authentication: TeamsAuthOptions | 'disabled-for-tests';
  logger?: Logger;
  /** Largest request body accepted, in bytes (default 1 MiB; real activities are a few KB). */
  maxBodyBytes?: number;
  /** Largest attachment downloaded, in bytes (default 50 MiB). */
  maxAttachmentBytes?: number;
  /** Timeout for one attachment download, in ms (default 30,000). */
  downloadTimeoutMs?: number;
  /**
   * Hosts accepted as an activity's `serviceUrl` besides Microsoft's own (default none). Activities
   * pointing elsewhere are refused, so a forged `serviceUrl` cannot receive the bot's token.
   */
  extraServiceUrlHosts?: string[];
  /**
   * Acquires the bot's token for calls to `serviceUrl` and for Teams-hosted attachments. Default:
   * the SDK's MSAL client-credentials flow with `authentication`. Tests inject a fake token.
   */
  getConnectorToken?: (serviceUrl: string) => Promise<string>;
  /** Used for attachment downloads (default: global `fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Most conversations remembered for asynchronous replies such as quiz round ends (default 10,000). */
  maxRememberedConversations?: number;
}

export interface TeamsAdapterStats {
  /** Requests refused because the bearer token was missing or invalid. */
  authRejected: number;
  /** Activities accepted and handed to the bot. */
  turns: number;
  /** Activities acknowledged but not for the bot (no mention in a channel, typing, reactions…). */
  ignored: number;
  /** Turns that failed after acknowledgement (the user got a friendly error). */
  failedTurns: number;
}

export interface TeamsAdapter {
  /** Node request handler for `POST /api/messages`; mount it on the shared `node:http` server. */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Posts a reply to a conversation outside a request (registered with `bot.setDeliver('teams', …)`). */
  deliver(conversation: ConversationKey, reply: Reply): Promise<void>;
  stats(): TeamsAdapterStats;
  /** Resolves when every acknowledged activity has been answered. */
  idle(): Promise<void>;
  /** Refuses new requests (503) and waits for turns in flight. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
/** Typing indicators faster than this only add chatter; Teams shows one for about 3 seconds. */
const PROGRESS_INTERVAL_MS = 3000;

const FRIENDLY_FAILURE: Reply = {
  kind: 'error',
  text: 'Sorry, something went wrong on my side while handling that. Please try again in a minute; if it keeps happening, type *help* to see what I can do.',
  errorCode: 'unknown',
};

/** Builds the SDK's auth configuration from typed options only: every field is set explicitly so
 * the SDK's own environment loaders (`clientId`, `Connections__…`) cannot fill gaps. */
function authConfigurationOf(auth: TeamsAuthOptions): AuthConfiguration {
  const connection: AuthConfiguration = {
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    tenantId: auth.tenantId,
    authorityEndpoint: auth.authorityEndpoint,
    issuers: auth.issuers,
    validateIssuer: true,
    certPemFile: undefined,
    certKeyFile: undefined,
    federatedClientId: undefined,
    WIDAssertionFile: undefined,
  };
  return {
    ...connection,
    connections: new Map([['teams', connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: 'teams' }],
  };
}

/** CloudAdapter with an injectable token source for its connector clients. */
class TeamsCloudAdapter extends CloudAdapter {
  readonly #connectorToken?: (serviceUrl: string) => Promise<string>;

  constructor(
    authConfig: AuthConfiguration | undefined,
    connectorToken: ((serviceUrl: string) => Promise<string>) | undefined,
    extraServiceUrlHosts: string[],
  ) {
    // Options are passed explicitly so `CloudAdapterOptions__*` / `OutboundHostValidator__*`
    // variables cannot weaken them; the host check refuses activities with a foreign serviceUrl.
    super(
      authConfig,
      undefined,
      undefined,
      { emitStackTrace: false, validateServiceUrl: true },
      new OutboundHostValidator({
        enabled: true,
        includeDefaultMicrosoftHosts: true,
        hosts: extraServiceUrlHosts,
      }),
    );
    this.#connectorToken = connectorToken;
  }

  protected override async createConnectorClientWithIdentity(
    identity: TurnIdentity,
    activity: Activity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    if (!this.#connectorToken || !activity.serviceUrl)
      return super.createConnectorClientWithIdentity(identity, activity, headers);
    const token = await this.#connectorToken(activity.serviceUrl);
    return ConnectorClient.createClientWithToken(activity.serviceUrl, token, headers);
  }
}

/** The response surface the SDK expects (Express-like) over a plain `ServerResponse`. */
class NodeWebResponse implements WebResponse {
  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  get writableEnded(): boolean {
    return this.res.writableEnded;
  }

  status(code: number): this {
    this.res.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    this.res.setHeader(name, value);
    return this;
  }

  /** Like Express, `send` writes the body and ends the response (the SDK's JWT check relies on it). */
  send(body?: unknown): this {
    if (this.res.writableEnded) return this;
    if (body === undefined || body === null) {
      this.res.end();
    } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      this.res.end(body);
    } else {
      if (!this.res.headersSent) this.res.setHeader('content-type', 'application/json');
      this.res.end(JSON.stringify(body));
    }
    return this;
  }

  end(): this {
    if (!this.res.writableEnded) this.res.end();
    return this;
  }
}

class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyError(413, 'request body too large');
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received > maxBytes) throw new BodyError(413, 'request body too large');
    chunks.push(buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BodyError(400, 'request body is not an activity');
  return parsed as Record<string, unknown>;
}

function sendStatus(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded) return;
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: message }));
}

function conversationMapKey(key: ConversationKey): string {
  return [key.workspace, key.channel, key.thread ?? ''].join('\u0000');
}

/**
 * What of an error goes into a log line: the SDK's HTTP errors carry the outgoing activity (with
 * the overlay as a data URL) and request config, which must not reach the logs.
 */
function loggable(error: unknown): { type: string; message: string; status?: number; code?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, 500) };
  const { status, code } = error as { status?: unknown; code?: unknown };
  return {
    type: error.name,
    message: error.message.slice(0, 500),
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

function errorReply(error: unknown): Reply {
  const coded = asCodedError(error);
  return { kind: 'error', text: coded.userMessage, errorCode: coded.code };
}

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { bot } = options;
  const log = (options.logger ?? silentLogger).child({ component: 'teams' });
  const authOn = options.authentication !== 'disabled-for-tests';
  const auth = options.authentication === 'disabled-for-tests' ? undefined : options.authentication;
  if (authOn && !auth?.clientId) {
    // Without a client id the SDK's JWT check falls back to anonymous access outside production.
    throw new TypeError('Teams authentication needs the bot clientId (TEAMS_CLIENT_ID)');
  }
  const maxBodyBytes = options.maxBodyBytes ?? MiB;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 50 * MiB;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 30_000;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const maxRemembered = options.maxRememberedConversations ?? 10_000;

  const cloud = new TeamsCloudAdapter(
    auth ? authConfigurationOf(auth) : undefined,
    options.getConnectorToken,
    options.extraServiceUrlHosts ?? [],
  );
  cloud.onTurnError = async (context, error) => {
    log.error({ err: loggable(error), activityType: context.activity?.type }, 'teams turn failed');
    await context.sendActivity(Activity.fromObject(activityOfReply(FRIENDLY_FAILURE)));
  };

  const counters: TeamsAdapterStats = { authRejected: 0, turns: 0, ignored: 0, failedTurns: 0 };
  const inFlight = new Set<Promise<void>>();
  const conversations = new Map<string, { reference: ConversationReference; identity: TurnIdentity }>();
  let closing = false;

  function track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        counters.failedTurns++;
        log.error({ err: loggable(error) }, 'teams background turn failed');
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  function remember(key: ConversationKey, reference: ConversationReference, identity: TurnIdentity): void {
    const mapKey = conversationMapKey(key);
    conversations.delete(mapKey);
    conversations.set(mapKey, { reference, identity });
    while (conversations.size > maxRemembered) {
      const oldest = conversations.keys().next().value;
      if (oldest === undefined) break;
      conversations.delete(oldest);
    }
  }

  async function botToken(serviceUrl: string): Promise<string | undefined> {
    try {
      if (options.getConnectorToken) return await options.getConnectorToken(serviceUrl);
      if (!authOn) return undefined;
      return await cloud.connectionManager.getDefaultConnection().getAccessToken(BOT_FRAMEWORK_SCOPE);
    } catch (error) {
      log.warn({ err: loggable(error) }, 'could not get the bot token for an attachment download');
      return undefined;
    }
  }

  async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
    let image: Awaited<ReturnType<typeof fitImageForTeams>> | undefined;
    if (reply.image) {
      try {
        image = await fitImageForTeams(reply.image);
      } catch (error) {
        // The answer still goes out; the picture's description stands in for it.
        log.warn({ err: loggable(error) }, 'could not prepare the overlay for Teams');
        reply = {
          ...reply,
          text: `${reply.text}\n\n(I couldn't attach the picture: ${reply.image.altText})`,
        };
      }
    }
    await context.sendActivity(Activity.fromObject(activityOfReply(reply, image)));
  }

  async function downloadAll(
    sources: AttachmentSource[],
    serviceUrl: string | undefined,
  ): Promise<InboundAttachment[]> {
    const files: InboundAttachment[] = [];
    for (const source of sources) {
      if (source.kind === 'unsupported') throw unsupportedAttachmentError(source);
      files.push(
        await downloadAttachment(source, {
          maxBytes: maxAttachmentBytes,
          timeoutMs: downloadTimeoutMs,
          botToken: () => botToken(serviceUrl ?? source.url),
          fetch: fetchImpl,
        }),
      );
    }
    return files;
  }

  /** Runs one accepted activity to its replies, in a proactive turn of its own. */
  async function answer(
    decision: Extract<InboundDecision, { kind: 'message' }>,
    reference: ConversationReference,
    identity: TurnIdentity,
  ): Promise<void> {
    await cloud.continueConversation(identity ?? {}, reference, async (context) => {
      const pending = new Set<Promise<unknown>>();
      let lastProgressAt = 0;
      let progressShown = false;
      let finished = false;
      const progress: ProgressFn = (note) => {
        const now = Date.now();
        if (finished || now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
        lastProgressAt = now;
        // The first note is shown as a message; later ones only keep the typing indicator alive.
        const activity = progressShown
          ? { type: 'typing' }
          : activityOfReply({ kind: 'progress', text: note });
        progressShown = true;
        const sent = context
          .sendActivity(Activity.fromObject(activity))
          .catch((error: unknown) => log.warn({ err: loggable(error) }, 'could not send progress'));
        pending.add(sent);
        void sent.finally(() => pending.delete(sent));
      };

      await context.sendActivity(Activity.fromObject({ type: 'typing' }));
      let replies: Reply[];
      try {
        const attachments = await downloadAll(decision.attachments, reference.serviceUrl);
        replies = await bot.handle({ ...decision.message, attachments }, progress);
      } catch (error) {
        if (isCodedError(error) && error.code !== 'unknown') {
          log.info({ code: error.code }, 'teams message refused');
          replies = [errorReply(error)];
        } else {
          counters.failedTurns++;
          log.error({ err: loggable(error) }, 'bot failed on a teams message');
          replies = [FRIENDLY_FAILURE];
        }
      }
      finished = true;
      await Promise.all(pending);
      for (const reply of replies) await sendReply(context, reply);
    });
  }

  const onActivity = async (context: TurnContext): Promise<void> => {
    // The SDK's Activity is a structural superset of the fields the translator reads.
    const activity = context.activity as unknown as TeamsActivity;
    const decision = inboundFromActivity(activity);
    if (decision.kind === 'ignore') {
      counters.ignored++;
      log.debug({ reason: decision.reason, activityType: activity.type }, 'teams activity ignored');
      return;
    }
    counters.turns++;
    if (decision.isInvoke) {
      // Action.Execute expects an invoke response; the answer itself follows as a message.
      await context.sendActivity(
        Activity.fromObject({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: 'Working on it…',
            },
          },
        }),
      );
    }
    const reference = context.activity.getConversationReference();
    remember(decision.message.conversation, reference, context.identity);
    track(answer(decision, reference, context.identity));
  };

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendStatus(res, 405, 'use POST', { allow: 'POST' });
    if (closing) return sendStatus(res, 503, 'shutting down');
    if (authOn && !req.headers.authorization) {
      counters.authRejected++;
      log.warn({ reason: 'missing bearer token' }, 'teams request rejected');
      req.resume();
      return sendStatus(res, 401, 'authorization header not found');
    }
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyError) {
        req.resume();
        return sendStatus(res, error.status, error.message);
      }
      throw error;
    }
    const request: AgentsRequest = { body, headers: req.headers, method: req.method };
    const response = new NodeWebResponse(res);
    if (authOn) {
      let authorised = false;
      await cloud.authorizeRequest(request, response, () => {
        authorised = true;
      });
      if (!authorised) {
        counters.authRejected++;
        // The SDK logs the precise reason on its debug channel; ours stays token-free.
        log.warn({ reason: 'invalid bearer token', status: res.statusCode }, 'teams request rejected');
        if (!res.writableEnded) sendStatus(res, 401, 'unauthorized');
        return;
      }
    }
    let reachedBot = false;
    try {
      await cloud.process(request, response, async (context) => {
        reachedBot = true;
        await onActivity(context);
      });
    } catch (error) {
      // Before the turn ran, a throw means the SDK could not read the activity.
      log.warn({ err: loggable(error) }, reachedBot ? 'teams turn failed' : 'teams activity rejected');
      sendStatus(res, reachedBot ? 500 : 400, reachedBot ? 'turn failed' : 'invalid activity');
    }
  }

  async function deliver(conversation: ConversationKey, reply: Reply): Promise<void> {
    const known = conversations.get(conversationMapKey(conversation));
    if (!known) {
      log.warn(
        { channel: conversation.channel },
        'no Teams conversation to deliver to (restarted since the last message?)',
      );
      return;
    }
    await cloud.continueConversation(known.identity ?? {}, known.reference, async (context) => {
      await sendReply(context, reply);
    });
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }

  bot.setDeliver('teams', deliver);

  return {
    handleRequest,
    deliver,
    stats: () => ({ ...counters }),
    idle,
    close: async () => {
      closing = true;
      await idle();
    },
  };
}
