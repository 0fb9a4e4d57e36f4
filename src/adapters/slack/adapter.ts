/**
 * The Slack adapter: a Bolt app that verifies what Slack sends, turns it into one `InboundMessage`,
 * calls the bot, and posts each `Reply` back (Block Kit message, overlay via `files.uploadV2`).
 *
 * Two transports, picked from configuration: HTTP (signing secret; mount `requestListener` at
 * `POST /slack/events`) or Socket Mode (app token; `start()` opens the socket). Every request is
 * acknowledged at once (Slack gives 3 s) and the work runs after, with a ⏳ reaction on the user's
 * message and an "Analysing…" message that progress notes update and the first reply replaces.
 */
import type { RequestListener } from 'node:http';
import { App, type Receiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { ChatBot, InboundAttachment, InboundMessage, Reply } from '../../bot/types.js';
import type { AppConfig } from '../../config.js';
import { asCodedError, ErrorCode, isCodedError, OrganSegError } from '../../errors.js';
import { type Logger, silentLogger } from '../../logger.js';
import { ActiveThreads, EventDedupe } from './dedupe.js';
import { checkSlackFile, downloadSlackFile } from './files.js';
import { type RejectionReason, SlackHttpReceiver, type SlackRequestStats } from './http-receiver.js';
import { toSlackLogger } from './slack-logger.js';
import {
  escapeMrkdwn,
  homeView,
  inboundFromBlockAction,
  inboundFromMessage,
  inboundFromSlashCommand,
  isDirectMessage,
  isUserMessage,
  mentionsBot,
  type PendingInbound,
  planReply,
  type SlackBlockActions,
  type SlackFile,
  type SlackMessageEvent,
  type SlackSlashCommand,
  type SlackTarget,
  type SlackUpload,
  targetOf,
} from './translate.js';

type WebClient = webApi.WebClient;

export interface SlackAdapterOptions {
  bot: ChatBot;
  /** Bot token (`xoxb-…`), `SLACK_BOT_TOKEN`. */
  botToken: string;
  /** Signing secret, `SLACK_SIGNING_SECRET`: HTTP mode. */
  signingSecret?: string;
  /** App-level token (`xapp-…`), `SLACK_APP_TOKEN`: Socket Mode, chosen whenever it is set. */
  appToken?: string;
  /** Web API base URL, `SLACK_API_URL` (default `https://slack.com/api/`). */
  apiUrl?: string;
  /** Largest file downloaded, in bytes (config `inputLimits.maxBytes`). */
  maxFileBytes: number;
  logger?: Logger;
  /** Clock for the signature window and dedupe, ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** `fetch` used for file downloads (default the global one). */
  fetch?: typeof fetch;
  /** Web API retries on network errors and 5xx (default 3; tests use 0). */
  webApiRetries?: number;
  /** Reaction shown on a message while it is worked on (default `hourglass_flowing_sand`). */
  progressReaction?: string;
  /** Minimum gap between two edits of the progress message, in ms (default 1000). */
  progressIntervalMs?: number;
  /** Called for each request refused at `/slack/events` (bad or stale signature…), e.g. to feed a metric. */
  onRejected?: (reason: RejectionReason) => void;
}

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  /** Handler for `POST /slack/events` (HTTP mode only). */
  readonly requestListener?: RequestListener;
  /** Accepted, duplicate and rejected requests (HTTP mode; Socket Mode counts duplicates). */
  readonly stats: SlackRequestStats;
  /** Checks the bot token (`auth.test`), registers asynchronous delivery, opens the socket in Socket Mode. */
  start(): Promise<void>;
  /** Waits for work in progress, then closes the socket. */
  stop(): Promise<void>;
  /** Resolves when no Slack request is being worked on. */
  idle(): Promise<void>;
}

/** Adapter options from the app configuration, or undefined when Slack is not configured. */
export function slackOptionsFromConfig(
  config: AppConfig,
  bot: ChatBot,
  logger?: Logger,
): SlackAdapterOptions | undefined {
  if (!config.slack) return undefined;
  return {
    bot,
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    maxFileBytes: config.inputLimits.maxBytes,
    logger,
  };
}

const GENERIC_FAILURE =
  'Sorry, something went wrong on my side while working on that. Please try again in a minute; if it keeps happening, type `help`, or `forget` to start over.';

/** What a user sees when the bot throws: the coded message when there is one, never internals. */
export function friendlyErrorReply(error: unknown): Reply {
  const coded = asCodedError(error);
  const known = isCodedError(error) && coded.code !== ErrorCode.Unknown;
  return { kind: 'error', text: known ? coded.userMessage : GENERIC_FAILURE, errorCode: coded.code };
}

/** Slack Web API error string (`not_in_channel`, `ratelimited`…), when the error came from the API. */
function slackApiError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const logger = (options.logger ?? silentLogger).child({ component: 'slack' });
  const now = options.now ?? Date.now;
  const dedupe = new EventDedupe({ now });
  const activeThreads = new ActiveThreads();
  const socketMode = options.appToken !== undefined;
  if (!socketMode && !options.signingSecret) {
    throw new OrganSegError(
      ErrorCode.ConfigInvalid,
      'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) besides SLACK_BOT_TOKEN.',
    );
  }
  const slackLogger = toSlackLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: options.webApiRetries ?? 3, factor: 2, minTimeout: 500 },
  };
  const httpReceiver = socketMode
    ? undefined
    : new SlackHttpReceiver({
        signingSecret: options.signingSecret as string,
        logger,
        dedupe,
        now,
        onRejected: options.onRejected,
      });
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: options.appToken as string,
      logger: slackLogger,
      installerOptions: { clientOptions },
    });
  const app = new App({
    token: options.botToken,
    receiver,
    logger: slackLogger,
    clientOptions,
    // auth.test runs in start(), where a bad token becomes one clear error instead of a stray rejection.
    deferInitialization: true,
  });
  const socketStats: SlackRequestStats = {
    accepted: 0,
    duplicates: 0,
    rejected: { signature: 0, stale: 0, malformed: 0, too_large: 0 },
  };
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  if (socketMode) {
    // Socket Mode has no HTTP door to answer retries at; drop them before any listener runs.
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !dedupe.claim(eventId)) {
        socketStats.duplicates += 1;
        return;
      }
      socketStats.accepted += 1;
      await next();
    });
  }

  // --- replies --------------------------------------------------------------------------------

  async function upload(client: WebClient, params: SlackUpload): Promise<void> {
    // web-api types a threaded upload and a channel upload as two shapes; pick one explicitly.
    const { thread_ts, ...rest } = params;
    await client.files.uploadV2(thread_ts ? { ...rest, thread_ts } : rest);
  }

  /** Posts one reply; `replaceTs` is a progress message to turn into the reply's text. */
  async function postReply(
    client: WebClient,
    target: SlackTarget,
    reply: Reply,
    replaceTs?: string,
  ): Promise<void> {
    const plan = planReply(reply, target);
    if (plan.imageFirst && plan.image) {
      // The picture must come before the question, so an earlier "Analysing…" message goes.
      if (replaceTs)
        await client.chat.delete({ channel: target.channel, ts: replaceTs }).catch(() => undefined);
      replaceTs = undefined;
      await upload(client, plan.image);
    }
    if (replaceTs) {
      await client.chat.update({ channel: target.channel, ts: replaceTs, ...plan.message });
    } else {
      await client.chat.postMessage({
        channel: target.channel,
        thread_ts: target.threadTs,
        ...plan.message,
        unfurl_links: false,
        unfurl_media: false,
      });
    }
    if (!plan.imageFirst && plan.image) await upload(client, plan.image);
    for (const file of plan.files) await upload(client, file);
    if (target.threadTs) activeThreads.add(target.channel, target.threadTs);
  }

  /**
   * The "Analysing…" message: posted on the first progress note, edited (at most once a second) on
   * later ones, and replaced by the first reply's text when the work is done.
   */
  function progressMessage(client: WebClient, target: SlackTarget) {
    let ts: Promise<string | undefined> | undefined;
    let lastEdit = 0;
    let finished = false;
    const intervalMs = options.progressIntervalMs ?? 1000;
    const render = (note: string) => ({ text: `Analysing… ${note}`, blocks: progressBlocks(note) });
    return {
      note(note: string): void {
        // A note that arrives after the answer must not post a fresh "Analysing…" under it.
        if (finished) return;
        if (!ts) {
          ts = client.chat
            .postMessage({ channel: target.channel, thread_ts: target.threadTs, ...render(note) })
            .then((r) => r.ts)
            .catch((error: unknown) => {
              logger.warn({ slackError: slackApiError(error) }, 'could not post the progress message');
              return undefined;
            });
          return;
        }
        if (now() - lastEdit < intervalMs) return;
        lastEdit = now();
        const pending = ts;
        void track(
          pending.then(async (messageTs) => {
            if (messageTs)
              await client.chat.update({ channel: target.channel, ts: messageTs, ...render(note) });
          }),
        ).catch((error: unknown) =>
          logger.debug({ slackError: slackApiError(error) }, 'progress update failed'),
        );
      },
      /** The progress message's ts, once any note was shown. */
      async settled(): Promise<string | undefined> {
        finished = true;
        return ts ? await ts : undefined;
      },
    };
  }

  async function downloadAll(client: WebClient, files: SlackFile[]): Promise<InboundAttachment[]> {
    const attachments: InboundAttachment[] = [];
    for (const shared of files) {
      let file = shared;
      // Slack Connect files arrive without URLs; files.info fills them in.
      if (file.file_access === 'check_file_info' || !(file.url_private_download ?? file.url_private)) {
        const info = await client.files.info({ file: file.id });
        file = { ...file, ...(info.file as SlackFile) };
      }
      attachments.push(
        await downloadSlackFile(file, {
          botToken: options.botToken,
          maxBytes: options.maxFileBytes,
          apiUrl: options.apiUrl,
          fetch: options.fetch,
        }),
      );
    }
    return attachments;
  }

  /**
   * The common path for every inbound: react, download, call the bot with progress, post replies.
   * Errors end as one friendly reply in the conversation, never as a stack trace.
   */
  async function serve(
    client: WebClient,
    pending: PendingInbound,
    reactTo?: { channel: string; ts: string },
  ): Promise<void> {
    const target = targetOf(pending.message.conversation);
    const reaction = options.progressReaction ?? 'hourglass_flowing_sand';
    if (reactTo) {
      await client.reactions
        .add({ channel: reactTo.channel, timestamp: reactTo.ts, name: reaction })
        .catch((error) => {
          logger.debug({ slackError: slackApiError(error) }, 'could not add the progress reaction');
        });
    }
    const progress = progressMessage(client, target);
    let replies: Reply[];
    try {
      const attachments = await downloadAll(client, pending.files);
      const message: InboundMessage = { ...pending.message, attachments };
      replies = await options.bot.handle(message, (note) => progress.note(note));
    } catch (error) {
      const coded = asCodedError(error);
      logger.warn(
        { code: coded.code, detail: coded.message, slackError: slackApiError(error) },
        'slack request failed',
      );
      replies = [friendlyErrorReply(error)];
    }
    let replaceTs = await progress.settled();
    try {
      for (const reply of replies) {
        await postReply(client, target, reply, replaceTs);
        replaceTs = undefined;
      }
      if (replaceTs)
        await client.chat.delete({ channel: target.channel, ts: replaceTs }).catch(() => undefined);
    } catch (error) {
      const slackError = slackApiError(error);
      // Not a member: the caller (a slash command) can still answer through its response_url.
      if (slackError === 'not_in_channel' || slackError === 'channel_not_found') throw error;
      logger.error(
        { slackError, detail: error instanceof Error ? error.message : String(error) },
        'posting a reply failed',
      );
      await postReply(client, target, {
        kind: 'error',
        text: "I worked out an answer but couldn't post all of it here. Please ask again in a moment.",
      }).catch(() => undefined);
    } finally {
      if (reactTo) {
        await client.reactions
          .remove({ channel: reactTo.channel, timestamp: reactTo.ts, name: reaction })
          .catch(() => {
            // The user may have removed it already; nothing to do.
          });
      }
    }
  }

  // --- listeners ------------------------------------------------------------------------------

  app.event('message', async ({ event, body, context, client }) => {
    const message = event as unknown as SlackMessageEvent;
    // Bolt's ignoreSelf drops these too; the bot must never analyse its own overlay uploads.
    if (!isUserMessage(message) || message.user === context.botUserId) return;
    const dm = isDirectMessage(message);
    // In channels a mention also arrives as `app_mention`; that listener answers it.
    if (!dm && mentionsBot(message.text, context.botUserId)) return;
    const threadTs = message.thread_ts;
    const inOurThread =
      threadTs !== undefined && threadTs !== message.ts && activeThreads.has(message.channel, threadTs);
    // Unaddressed channel uploads are read only when they may be a slice: a PDF or a video shared in
    // the channel is none of the bot's business, and saying so in every thread would be noise.
    const hasSlice = (message.files ?? []).some(
      (f) => checkSlackFile(f, Number.POSITIVE_INFINITY) === undefined,
    );
    if (!dm && !hasSlice && !inOurThread) return;
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id ?? 'unknown';
    await track(
      serve(client, inboundFromMessage(teamId, message, context.botUserId), {
        channel: message.channel,
        ts: message.ts,
      }),
    );
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const mention = event as unknown as SlackMessageEvent;
    if (!isUserMessage(mention) || mention.user === context.botUserId) return;
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id ?? 'unknown';
    await track(
      serve(client, inboundFromMessage(teamId, mention, context.botUserId), {
        channel: mention.channel,
        ts: mention.ts,
      }),
    );
  });

  app.command(/^\/organ-(seg|quiz)$/, async ({ command, ack, client, respond }) => {
    await ack();
    const inbound = inboundFromSlashCommand(command as SlackSlashCommand);
    try {
      await track(serve(client, { message: inbound, files: [] }));
    } catch (error) {
      const slackError = slackApiError(error);
      logger.warn({ slackError }, 'could not answer a slash command in its channel');
      // Slash commands work in channels the bot was never invited to; only the response_url reaches the user there.
      const text =
        slackError === 'not_in_channel' || slackError === 'channel_not_found'
          ? "I can't post in this channel yet. Invite me with `/invite @Organ-Seg` and try again, or send me a DM."
          : GENERIC_FAILURE;
      await respond({ response_type: 'ephemeral', text }).catch(() => undefined);
    }
  });

  app.action(/.+/, async ({ ack, body, client, respond }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const inbound = inboundFromBlockAction(body as unknown as SlackBlockActions);
    if (!inbound) return;
    try {
      await track(serve(client, { message: inbound, files: [] }));
    } catch (error) {
      logger.warn({ slackError: slackApiError(error) }, 'could not answer a button press');
      await respond({ response_type: 'ephemeral', replace_original: false, text: GENERIC_FAILURE }).catch(
        () => undefined,
      );
    }
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: homeView() });
  });

  app.error(async (error) => {
    logger.error({ code: error.code, detail: error.message }, 'slack listener error');
  });

  // --- lifecycle ------------------------------------------------------------------------------

  let started = false;
  const idle = async () => {
    await httpReceiver?.idle();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    mode: socketMode ? 'socket' : 'http',
    requestListener: httpReceiver?.requestListener,
    stats: httpReceiver?.stats ?? socketStats,
    async start() {
      if (started) return;
      try {
        await app.init();
      } catch (error) {
        throw new OrganSegError(
          ErrorCode.ConfigInvalid,
          'Slack did not accept SLACK_BOT_TOKEN: check the token and that the app is installed in the workspace.',
          {
            cause: error,
            detail: slackApiError(error) ?? (error instanceof Error ? error.message : String(error)),
          },
        );
      }
      options.bot.setDeliver('slack', (conversation, reply) =>
        postReply(app.client, targetOf(conversation), reply),
      );
      await app.start();
      started = true;
    },
    async stop() {
      await idle();
      if (started) await app.stop();
      started = false;
    },
    idle,
  };
}

function progressBlocks(note: string) {
  return [
    {
      type: 'context' as const,
      elements: [
        { type: 'mrkdwn' as const, text: `:hourglass_flowing_sand: Analysing… ${escapeMrkdwn(note)}` },
      ],
    },
  ];
}
