/**
 * The real Bolt app over HTTP: requests signed with a test secret go to the adapter's request
 * listener on loopback, and the Web API client talks to a fake Slack API (also on loopback) that
 * records what the user would see: messages, uploads, reactions.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/index.js';
import type { ChatBot, DeliverFn, InboundMessage, ProgressFn, Reply } from '../src/bot/types.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';
const TEAM = 'T0TEAM';
const CHANNEL = 'C0CHAN';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'];

/** A bot with realistic replies; `gate` holds `handle` open to show the ack comes first. */
class FakeBot implements ChatBot {
  readonly received: InboundMessage[] = [];
  deliver?: DeliverFn;
  gate?: Promise<void>;
  png!: Buffer;

  async init(): Promise<void> {
    this.png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
  }

  async handle(message: InboundMessage, progress?: ProgressFn): Promise<Reply[]> {
    this.received.push(message);
    if (this.gate) await this.gate;
    if (message.text === 'boom') throw new Error('ECONNRESET at /srv/secret/path.ts:12');
    if (message.action) {
      return [
        { kind: 'info', text: `*${message.action.value}* is correct, <@${message.user.id}>: the pancreas.` },
      ];
    }
    if (message.text.startsWith('quiz')) {
      return [
        {
          kind: 'quiz',
          text: 'Which organ is outlined? Pick one letter.',
          image: this.image('Quiz slice: an axial CT slice with one organ outlined in sand yellow.'),
          buttons: [
            ...LETTERS.map((l) => ({ action: 'quiz-answer', value: l, label: l, textEquivalent: l })),
            { action: 'quiz-reveal', value: 'reveal', label: 'Reveal', textEquivalent: 'reveal' },
          ],
        },
      ];
    }
    if (message.attachments.length > 0 || message.text.startsWith('show')) {
      progress?.('Segmenting the slice');
      return [
        {
          kind: 'answer',
          text: 'D: Pancreas. The pancreas lies behind the stomach.',
          answer: {
            letters: ['D'],
            names: ['Pancreas'],
            noneOfThem: false,
            explanation: 'The pancreas lies behind the stomach, across the spine.',
            organs: [
              {
                letter: 'D',
                name: 'Pancreas',
                bbox: [1, 2, 3, 4],
                areaPx: 120,
                areaCm2: 8.4,
                confidence: 0.87,
              },
            ],
          },
          image: this.image('Axial CT slice with the pancreas outlined in sand yellow.'),
        },
      ];
    }
    return [{ kind: 'help', text: 'Send me a slice and a question.' }];
  }

  setDeliver(_platform: string, deliver: DeliverFn): void {
    this.deliver = deliver;
  }

  async close(): Promise<void> {}

  private image(altText: string) {
    return { png: this.png, altText, fileName: 'overlay.png', width: 32, height: 24 };
  }
}

function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

interface PostOptions {
  form?: boolean;
  timestamp?: number;
  secret?: string;
  retryNum?: number;
  signature?: string;
}

let fake: FakeSlackApi;
let bot: FakeBot;
let adapter: SlackAdapter;
let server: Server;
let eventsUrl: string;
let nextEvent = 1;

async function post(payload: Record<string, unknown> | string, options: PostOptions = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': options.signature ?? sign(body, timestamp, options.secret),
  };
  if (options.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(options.retryNum);
    headers['X-Slack-Retry-Reason'] = 'http_timeout';
  }
  const response = await fetch(eventsUrl, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function eventCallback(
  event: Record<string, unknown>,
  eventId = `Ev${String(nextEvent++).padStart(8, '0')}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0APP',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

function slashCommand(command: string, text: string): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'radiology',
    channel_id: CHANNEL,
    channel_name: 'teaching',
    user_id: 'U0TEACHER',
    user_name: 'ana',
    command,
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: `${fake.origin}/response/cmd-1`,
    trigger_id: `${nextEvent++}.42.abcdef`,
  }).toString();
}

function blocksText(params: Record<string, unknown>): string {
  return JSON.stringify(params.blocks ?? []);
}

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(async () => {
  fake.calls.length = 0;
  fake.downloads.length = 0;
  fake.responses.length = 0;
  fake.uploads.clear();
  bot = new FakeBot();
  await bot.init();
  adapter = createSlackAdapter({
    bot,
    botToken: TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    maxFileBytes: 64 * 1024,
    webApiRetries: 0,
    progressIntervalMs: 0,
  });
  await adapter.start();
  const listener = adapter.requestListener;
  if (!listener) throw new Error('HTTP mode has a request listener');
  server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterEach(async () => {
  await adapter.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Slack adapter over HTTP', () => {
  it('answers the url_verification challenge', async () => {
    const res = await post({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });

  it('acknowledges an uploaded slice at once, then answers in its thread with blocks and the overlay', async () => {
    const slice = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const file = fake.hostFile({ id: 'F0SLICE', name: 'slice.png', mimetype: 'image/png', bytes: slice });
    let open!: () => void;
    bot.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const res = await post(
      eventCallback({
        type: 'message',
        subtype: 'file_share',
        channel: CHANNEL,
        channel_type: 'channel',
        user: 'U0ANA',
        text: 'Which organ is D?',
        ts: '1700000000.000100',
        files: [file],
      }),
    );
    // The ack came back while the bot was still working.
    expect(res.status).toBe(200);
    await fake.waitFor(() => bot.received.length === 1);
    expect(fake.callsTo('chat.update')).toHaveLength(0);
    open();
    await adapter.idle();

    const [message] = bot.received;
    expect(message?.conversation).toEqual({
      platform: 'slack',
      workspace: TEAM,
      channel: CHANNEL,
      thread: '1700000000.000100',
    });
    expect(message?.text).toBe('Which organ is D?');
    expect(Buffer.from(message?.attachments[0]?.bytes ?? [])).toEqual(slice);
    expect(fake.downloads).toEqual([{ fileId: 'F0SLICE', authorization: `Bearer ${TOKEN}` }]);

    expect(fake.callsTo('reactions.add')[0]?.params).toMatchObject({
      channel: CHANNEL,
      timestamp: '1700000000.000100',
      name: 'hourglass_flowing_sand',
    });
    // "Analysing…" posted in the thread, then replaced by the answer.
    const progress = fake.callsTo('chat.postMessage')[0]?.params;
    expect(progress).toMatchObject({ channel: CHANNEL, thread_ts: '1700000000.000100' });
    expect(String(progress?.text)).toContain('Analysing');
    const answer = fake.callsTo('chat.update')[0]?.params;
    expect(blocksText(answer ?? {})).toContain('*D — Pancreas*');
    expect(blocksText(answer ?? {})).toContain('confidence 87%');
    expect(blocksText(answer ?? {})).toContain('behind the stomach');

    // files.uploadV2: get URL (with alt text) → upload bytes → complete in the thread.
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(
      expect.arrayContaining(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']),
    );
    expect(methods.indexOf('files.getUploadURLExternal')).toBeLessThan(
      methods.indexOf('files.completeUploadExternal'),
    );
    const [upload] = [...fake.uploads.values()];
    expect(upload?.altText).toBe('Axial CT slice with the pancreas outlined in sand yellow.');
    expect(upload?.bytes).toEqual(bot.png);
    expect(upload).toMatchObject({
      channelId: CHANNEL,
      threadTs: '1700000000.000100',
      filename: 'overlay.png',
    });
    expect(methods).not.toContain('files.upload');
    expect(fake.callsTo('reactions.remove')).toHaveLength(1);
    for (const call of fake.calls.filter((c) => c.method !== 'upload')) expect(call.token).toBe(TOKEN);
  });

  it('answers an app_mention follow-up in the thread, once, with the mention stripped', async () => {
    const mention = {
      channel: CHANNEL,
      user: 'U0ANA',
      text: '<@U0BOT> show the liver',
      ts: '1700000000.000300',
      thread_ts: '1700000000.000100',
    };
    // Slack sends both a `message` and an `app_mention` for a mention in a channel.
    await post(eventCallback({ type: 'message', channel_type: 'channel', ...mention }));
    await post(eventCallback({ type: 'app_mention', ...mention }));
    await adapter.idle();
    expect(bot.received).toHaveLength(1);
    expect(bot.received[0]).toMatchObject({
      text: 'show the liver',
      fromCommand: 'app_mention',
      conversation: { channel: CHANNEL, thread: '1700000000.000100' },
    });
    expect(fake.callsTo('chat.update')[0]?.params).toMatchObject({ channel: CHANNEL });
    expect(fake.callsTo('chat.postMessage').every((c) => c.params.thread_ts === '1700000000.000100')).toBe(
      true,
    );
  });

  it('reads DMs without a mention and ignores channel chatter without files', async () => {
    await post(
      eventCallback({
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U0ANA',
        text: 'help',
        ts: '1.1',
      }),
    );
    await post(
      eventCallback({
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        user: 'U0ANA',
        text: 'lunch?',
        ts: '1.2',
      }),
    );
    await post(
      eventCallback({
        type: 'message',
        subtype: 'bot_message',
        channel: 'D0DM',
        channel_type: 'im',
        bot_id: 'B9',
        text: 'x',
        ts: '1.3',
      }),
    );
    // The bot's own overlay upload comes back as a file_share from its user id: never analysed.
    const overlay = fake.hostFile({
      id: 'F0OWN',
      name: 'overlay.png',
      mimetype: 'image/png',
      bytes: Buffer.from('x'),
    });
    await post(
      eventCallback({
        type: 'message',
        subtype: 'file_share',
        channel: CHANNEL,
        channel_type: 'channel',
        user: 'U0BOT',
        text: '',
        ts: '1.4',
        files: [overlay],
      }),
    );
    await adapter.idle();
    expect(bot.received.map((m) => m.text)).toEqual(['help']);
    expect(bot.received[0]?.conversation).toEqual({
      platform: 'slack',
      workspace: TEAM,
      channel: 'D0DM',
      thread: undefined,
    });
    expect(fake.callsTo('chat.postMessage')[0]?.params).toMatchObject({
      channel: 'D0DM',
      text: 'Send me a slice and a question.',
    });
  });

  it('follows up without a mention in a thread it answered, but not in other threads', async () => {
    await post(
      eventCallback({
        type: 'app_mention',
        channel: CHANNEL,
        user: 'U0ANA',
        text: '<@U0BOT> show the liver',
        ts: '1.10',
      }),
    );
    await adapter.idle();
    const reply = (ts: string, thread: string, text: string) =>
      eventCallback({
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        user: 'U0ANA',
        text,
        ts,
        thread_ts: thread,
      });
    await post(reply('1.11', '1.10', 'show the pancreas'));
    await post(reply('1.21', '1.20', 'unrelated thread'));
    await adapter.idle();
    expect(bot.received.map((m) => [m.text, m.conversation.thread])).toEqual([
      ['show the liver', '1.10'],
      ['show the pancreas', '1.10'],
    ]);
  });

  it('posts a quiz for /organ-quiz: picture first, then buttons that each have a typed equivalent', async () => {
    const started = Date.now();
    const res = await post(slashCommand('/organ-quiz', 'hard'), { form: true });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await adapter.idle();
    expect(bot.received[0]).toMatchObject({
      text: 'quiz hard',
      fromCommand: '/organ-quiz',
      user: { id: 'U0TEACHER' },
      conversation: { platform: 'slack', workspace: TEAM, channel: CHANNEL },
    });
    expect(bot.received[0]?.conversation.thread).toBeUndefined();
    const methods = fake.calls.map((c) => c.method);
    expect(methods.indexOf('files.completeUploadExternal')).toBeLessThan(methods.indexOf('chat.postMessage'));
    const quiz = fake.callsTo('chat.postMessage')[0]?.params ?? {};
    const blocks = quiz.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    expect(buttons).toHaveLength(15);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(15);
    expect(buttons[3]).toMatchObject({ type: 'button', value: 'D', text: { type: 'plain_text', text: 'D' } });
    // At the top of a channel only a slash command reaches the bot, so that is the typed equivalent.
    expect(String(buttons[3]?.accessibility_label)).toContain('type "/organ-seg D"');
    expect(blocksText(quiz)).toContain('No buttons? Type `/organ-seg A`');
    expect(blocksText(quiz)).toContain('`/organ-seg reveal`');
    expect([...fake.uploads.values()][0]?.altText).toContain('Quiz slice');
  });

  it('turns a quiz button press into an action in the conversation of the message', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U0ANA', username: 'ana', name: 'ana', team_id: TEAM },
      api_app_id: 'A0APP',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: '1700000000.000500',
        channel_id: CHANNEL,
        is_ephemeral: false,
      },
      trigger_id: '123.456.abc',
      team: { id: TEAM, domain: 'radiology' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: CHANNEL, name: 'teaching' },
      message: { type: 'message', user: 'U0BOT', ts: '1700000000.000500', text: 'Which organ is outlined?' },
      state: { values: {} },
      response_url: `${fake.origin}/response/act-1`,
      actions: [
        {
          action_id: 'quiz-answer#3',
          block_id: 'buttons-0',
          text: { type: 'plain_text', text: 'D', emoji: true },
          value: 'D',
          type: 'button',
          action_ts: '1700000001.000600',
        },
      ],
    };
    const res = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      form: true,
    });
    expect(res.status).toBe(200);
    await adapter.idle();
    expect(bot.received[0]).toMatchObject({
      action: { action: 'quiz-answer', value: 'D' },
      user: { id: 'U0ANA' },
      conversation: { platform: 'slack', workspace: TEAM, channel: CHANNEL },
    });
    expect(bot.received[0]?.conversation.thread).toBeUndefined();
    expect(fake.callsTo('chat.postMessage')[0]?.params.text).toBe('*D* is correct, <@U0ANA>: the pancreas.');
  });

  it('rejects and counts a bad signature without calling the bot', async () => {
    const res = await post(
      eventCallback({
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U1',
        text: 'hi',
        ts: '2.1',
      }),
      {
        secret: 'not-the-secret',
      },
    );
    const missing = await fetch(eventsUrl, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(missing.status).toBe(401);
    await adapter.idle();
    expect(adapter.stats.rejected.signature).toBe(2);
    expect(bot.received).toHaveLength(0);
  });

  it('refuses a body no Slack payload would need before checking anything else', async () => {
    const res = await post(`payload=${'x'.repeat(2 * 1024 * 1024)}`, { form: true });
    expect(res.status).toBe(413);
    expect(adapter.stats.rejected.too_large).toBe(1);
  });

  it('rejects a correctly signed request older than five minutes', async () => {
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await post(
      eventCallback({
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U1',
        text: 'hi',
        ts: '2.2',
      }),
      {
        timestamp: old,
      },
    );
    expect(res.status).toBe(401);
    expect(adapter.stats.rejected.stale).toBe(1);
    expect(bot.received).toHaveLength(0);
  });

  it('answers a retried delivery of an accepted event once', async () => {
    const event = eventCallback(
      { type: 'message', channel: 'D0DM', channel_type: 'im', user: 'U1', text: 'help', ts: '3.1' },
      'Ev0RETRIED',
    );
    const first = await post(event);
    const retry = await post(event, { retryNum: 1 });
    const again = await post(event, { retryNum: 2 });
    await adapter.idle();
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    expect(retry.headers.get('x-slack-no-retry')).toBe('1');
    expect(bot.received).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(adapter.stats.duplicates).toBe(2);
  });

  it('refuses an oversized or non-image file with a specific, friendly reply and downloads nothing', async () => {
    const big = fake.hostFile({
      id: 'F0BIG',
      name: 'scan.png',
      mimetype: 'image/png',
      bytes: Buffer.alloc(100 * 1024),
    });
    const pdf = fake.hostFile({
      id: 'F0PDF',
      name: 'report.pdf',
      mimetype: 'application/pdf',
      bytes: Buffer.from('%PDF'),
    });
    for (const [i, file] of [big, pdf].entries()) {
      await post(
        eventCallback({
          type: 'message',
          subtype: 'file_share',
          channel: 'D0DM',
          channel_type: 'im',
          user: 'U1',
          text: '',
          ts: `4.${i}`,
          files: [file],
        }),
      );
    }
    await adapter.idle();
    expect(fake.downloads).toHaveLength(0);
    expect(bot.received).toHaveLength(0);
    const texts = fake.callsTo('chat.postMessage').map((c) => String(c.params.text));
    expect(texts[0]).toBe(
      '"scan.png" is 100 KB; I can read files up to 64 KB. Send a single slice (PNG or one DICOM file) or a smaller .nii.gz instead.',
    );
    expect(texts[1]).toContain('I can\'t read "report.pdf" (application/pdf)');
    expect(texts[1]).toContain('DICOM');
  });

  it('stays quiet about a non-image file shared in a channel without addressing it', async () => {
    const pdf = fake.hostFile({
      id: 'F0MENU',
      name: 'menu.pdf',
      mimetype: 'application/pdf',
      bytes: Buffer.from('%PDF'),
    });
    const share = {
      type: 'message',
      subtype: 'file_share',
      channel: CHANNEL,
      channel_type: 'channel',
      user: 'U1',
    };
    await post(eventCallback({ ...share, text: 'lunch', ts: '4.5', files: [pdf] }));
    await adapter.idle();
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(bot.received).toHaveLength(0);
  });

  it('says what to do when Slack serves a sign-in page instead of the file', async () => {
    const file = fake.hostFile({
      id: 'F0HTML',
      name: 'slice.png',
      mimetype: 'image/png',
      bytes: Buffer.from('x'),
    });
    const event = eventCallback({
      type: 'message',
      subtype: 'file_share',
      channel: 'D0DM',
      channel_type: 'im',
      user: 'U1',
      text: '',
      ts: '5.1',
      files: [file],
    });
    const otherToken = createSlackAdapter({
      bot,
      botToken: 'xoxb-revoked',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      maxFileBytes: 1024,
      webApiRetries: 0,
    });
    await otherToken.start();
    const srv = createServer(otherToken.requestListener);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const body = JSON.stringify(event);
    const ts = Math.floor(Date.now() / 1000);
    await fetch(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(ts),
        'X-Slack-Signature': sign(body, ts),
      },
      body,
    });
    await otherToken.stop();
    srv.close();
    expect(bot.received).toHaveLength(0);
    expect(String(fake.callsTo('chat.postMessage')[0]?.params.text)).toContain('files:read');
  });

  it('replies with a friendly message, not the error, when the bot throws', async () => {
    await post(
      eventCallback({
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U1',
        text: 'boom',
        ts: '6.1',
      }),
    );
    await adapter.idle();
    const text = String(fake.callsTo('chat.postMessage')[0]?.params.text);
    expect(text).toContain('Please try again');
    expect(text).not.toMatch(/ECONNRESET|secret|\.ts/);
    expect(blocksText(fake.callsTo('chat.postMessage')[0]?.params ?? {})).toContain(':warning:');
  });

  it('tells the user to invite the bot when a slash command comes from a channel it is not in', async () => {
    fake.failNext('chat.postMessage', 'not_in_channel');
    fake.failNext('files.getUploadURLExternal', 'not_in_channel');
    await post(slashCommand('/organ-seg', 'help'), { form: true });
    await adapter.idle();
    await fake.waitFor(() => fake.responses.length > 0);
    expect(fake.responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(String(fake.responses[0]?.text)).toContain('/invite @Organ-Seg');
  });

  it('publishes the App Home how-to', async () => {
    await post(
      eventCallback({ type: 'app_home_opened', user: 'U0ANA', channel: 'D0DM', tab: 'home', ts: '7.1' }),
    );
    await adapter.idle();
    const view = fake.callsTo('views.publish')[0]?.params;
    expect(view?.user_id).toBe('U0ANA');
    expect(JSON.stringify(view?.view)).toContain('/organ-quiz');
    expect(JSON.stringify(view?.view)).toContain('forget');
  });

  it('delivers asynchronous replies (a quiz round ending) into the conversation', async () => {
    await bot.deliver?.(
      { platform: 'slack', workspace: TEAM, channel: CHANNEL, thread: '1700000000.000900' },
      { kind: 'info', text: 'Time is up: the answer was *D* (pancreas).' },
    );
    expect(fake.callsTo('chat.postMessage')[0]?.params).toMatchObject({
      channel: CHANNEL,
      thread_ts: '1700000000.000900',
      text: 'Time is up: the answer was *D* (pancreas).',
    });
  });

  it('passes `forget` through to the bot like any other text', async () => {
    await post(
      eventCallback({
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U1',
        text: 'forget',
        ts: '8.1',
      }),
    );
    await post(slashCommand('/organ-seg', 'forget'), { form: true });
    await adapter.idle();
    expect(bot.received.map((m) => m.text)).toEqual(['forget', 'forget']);
  });
});
