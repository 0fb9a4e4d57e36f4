/**
 * The composition root of `organ-seg serve` (and `npm start`): one HTTP server carrying the web
 * chat, Slack events, Teams activities and `/healthz`, all on the same bot core. With no platform
 * credentials and no Redis it serves only the local web chat with in-memory state, and says so.
 */
import { createSlackAdapter, slackOptionsFromConfig } from './adapters/slack/index.js';
import { createTeamsAdapter } from './adapters/teams/index.js';
import { mountWebChat } from './adapters/web/index.js';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import { createRuntime, type Runtime } from './runtime.js';
import { HttpServer } from './server.js';

export interface RunningApp {
  /** What is running, one line each, for a person reading the terminal. */
  banner: string[];
  runtime: Runtime;
  server: HttpServer;
  /** The address the server listens on, e.g. http://127.0.0.1:3978/. */
  url: string;
  /** Stops accepting, drains in-flight replies, closes adapters, the store and the model. */
  shutdown(): Promise<void>;
}

export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const runtime = createRuntime(config, logger);
  await runtime.ready();
  const server = new HttpServer({
    port: config.port,
    host: config.host,
    logger: logger.child({ component: 'http' }),
    maxBodyBytes: 1024 * 1024,
  });
  const lines = [...runtime.describe];
  mountWebChat(server, {
    bot: runtime.bot,
    token: config.webChatToken,
    host: config.host,
    maxFileBytes: config.inputLimits.maxBytes,
    logger,
  });
  const slackOptions = slackOptionsFromConfig(config, runtime.bot, logger);
  const slack = slackOptions ? createSlackAdapter(slackOptions) : undefined;
  if (slack?.requestListener) {
    const listener = slack.requestListener;
    server.route('POST', '/slack/events', (req, res) => listener(req, res), { maxBodyBytes: 1024 * 1024 });
  }
  const teams = config.teams
    ? createTeamsAdapter({
        bot: runtime.bot,
        authentication: config.teams,
        logger,
        maxAttachmentBytes: config.inputLimits.maxBytes,
      })
    : undefined;
  if (teams)
    server.route('POST', '/api/messages', (req, res) => teams.handleRequest(req, res), {
      maxBodyBytes: 1024 * 1024,
    });
  if (slack) {
    server.registerMetrics('slack', () => {
      const { accepted, duplicates, rejected } = slack.stats;
      return {
        accepted,
        duplicates,
        ...Object.fromEntries(Object.entries(rejected).map(([k, v]) => [`rejected_${k}`, v])),
      };
    });
    await slack.start();
  }
  if (teams) server.registerMetrics('teams', () => ({ ...teams.stats() }));
  lines.push(
    slack
      ? `Slack: ${slack.mode === 'socket' ? 'Socket Mode' : 'HTTP at /slack/events'}`
      : 'Slack: off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)',
    teams ? 'Teams: /api/messages' : 'Teams: off (set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET)',
  );
  const { url } = await server.listen();
  lines.unshift(`web chat: ${url}${config.webChatToken ? ' (token required)' : ''}`);
  for (const line of lines) logger.info(line);
  let closing: Promise<void> | undefined;
  return {
    banner: lines,
    runtime,
    server,
    url,
    shutdown() {
      closing ??= (async () => {
        // The server drains in-flight replies first, then the adapters finish background turns.
        await server.close();
        await slack?.stop();
        await teams?.close();
        await runtime.close();
      })();
      return closing;
    },
  };
}
