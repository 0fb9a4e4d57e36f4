/**
 * A full Slack conversation through the real bot core (oracle test model, memory store): signed
 * Events API payloads in, a fake Slack Web API on loopback records what users see. Upload → answer
 * with overlay → follow-up → "None of them" → quiz round with a button press → reveal.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/index.js';
import type { OrganSegBot } from '../src/bot/bot.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { makeBot, oracleSlicePng } from './helpers/bot-harness.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';

const SECRET = 'real-bot-signing-secret';
const TEAM = 'T0TEAM';
const CHANNEL = 'C0TEACH';
const THREAD = '1700000100.000100';

let fake: FakeSlackApi;
let bot: OrganSegBot;
let adapter: SlackAdapter;
let server: Server;
let url: string;
let n = 1;

async function post(body: string, form = false): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      'X-Slack-Request-Timestamp': String(ts),
      'X-Slack-Signature': signature,
    },
    body,
  });
  await res.text();
  return res.status;
}

function event(e: Record<string, unknown>): string {
  return JSON.stringify({
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `EvReal${n++}`,
    event_time: 1_700_000_000,
    event: { event_ts: e.ts, ...e },
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  });
}

async function mention(text: string, until: RegExp, user = 'U0ANA'): Promise<void> {
  const ts = `1700000100.${String(100 + n).padStart(6, '0')}`;
  const from = fake.calls.length;
  expect(
    await post(
      event({ type: 'app_mention', channel: CHANNEL, user, text: `<@U0BOT> ${text}`, ts, thread_ts: THREAD }),
    ),
  ).toBe(200);
  await settle(from, until);
}

/** Waits until the bot has posted its answer for the last request (the ack comes before the work). */
async function settle(from: number, pattern: RegExp): Promise<void> {
  await fake
    .waitFor(() => pattern.test(seenSince(from)), 20_000)
    .catch((error: unknown) => {
      throw new Error(`no ${pattern} in what the bot posted: ${seenSince(from).slice(0, 1500)}`, {
        cause: error,
      });
    });
  await adapter.idle();
}

/** Everything the bot posted or uploaded since `from`, as one string (blocks, texts, alt texts). */
function seenSince(from: number): string {
  return JSON.stringify(fake.calls.slice(from).map((c) => c.params));
}

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  bot = makeBot(new MemoryConversationStore({}));
  adapter = createSlackAdapter({
    bot,
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    maxFileBytes: 1 << 20,
    webApiRetries: 0,
    progressIntervalMs: 0,
  });
  await adapter.start();
  const listener = adapter.requestListener;
  if (!listener) throw new Error('HTTP mode has a request listener');
  server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await adapter.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await bot.close();
  await fake.stop();
});

describe('Slack: a full conversation on the real bot core', () => {
  it('upload → answer with overlay → follow-up → none of them → quiz round', async () => {
    const file = fake.hostFile({
      id: 'F0REAL',
      name: 'slice.png',
      mimetype: 'image/png',
      bytes: await oracleSlicePng(),
    });
    let from = fake.calls.length;
    expect(
      await post(
        event({
          type: 'message',
          subtype: 'file_share',
          channel: CHANNEL,
          channel_type: 'channel',
          user: 'U0ANA',
          text: '<@U0BOT> Which organ is responsible for bile storage?',
          ts: THREAD,
          files: [file],
        }),
      ),
    ).toBe(200);
    // Slack also sends an app_mention for the same post; the adapter answers the post once.
    expect(
      await post(
        event({
          type: 'app_mention',
          channel: CHANNEL,
          user: 'U0ANA',
          text: '<@U0BOT> Which organ is responsible for bile storage?',
          ts: THREAD,
          files: [file],
        }),
      ),
    ).toBe(200);
    await settle(from, /Gallbladder/);
    expect(fake.callsTo('files.completeUploadExternal').length).toBeGreaterThan(0);
    let seen = seenSince(from);
    expect(seen).toMatch(/Gallbladder/);
    expect(seen).toMatch(/gallbladder highlighted in green/); // the overlay's alt text

    from = fake.calls.length;
    await mention('now show both kidneys', /Left kidney/);
    seen = seenSince(from);
    expect(seen).toMatch(/Right kidney/);
    expect(seen).toMatch(/Left kidney/);

    from = fake.calls.length;
    await mention('segment the pancreas', /None of them/);
    expect(seenSince(from)).toMatch(/None of them[\s\S]*pancreas is not visible/i);

    from = fake.calls.length;
    await mention('quiz', /Quiz!/, 'U0TEACHER');
    seen = seenSince(from);
    expect(seen).toMatch(/Quiz!/);
    expect(seen).toMatch(/quiz-answer#/); // answer buttons

    const press = {
      type: 'block_actions',
      user: { id: 'U0BEN', username: 'ben', name: 'ben', team_id: TEAM },
      api_app_id: 'A0APP',
      container: {
        type: 'message',
        message_ts: '1700000100.000999',
        channel_id: CHANNEL,
        thread_ts: THREAD,
        is_ephemeral: false,
      },
      trigger_id: '1.2.3',
      team: { id: TEAM, domain: 'radiology' },
      channel: { id: CHANNEL, name: 'teaching' },
      message: { type: 'message', user: 'U0BOT', ts: '1700000100.000999', thread_ts: THREAD, text: 'Quiz' },
      state: { values: {} },
      response_url: `${fake.origin}/response/real-1`,
      actions: [
        {
          action_id: 'quiz-answer#0',
          block_id: 'b',
          text: { type: 'plain_text', text: 'A' },
          value: 'A',
          type: 'button',
          action_ts: '1700000101.1',
        },
      ],
    };
    from = fake.calls.length;
    expect(await post(new URLSearchParams({ payload: JSON.stringify(press) }).toString(), true)).toBe(200);
    await fake.waitFor(
      () => /answer A recorded/.test(`${seenSince(from)}${JSON.stringify(fake.responses)}`),
      30_000,
    );
    await adapter.idle();
    expect(`${seenSince(from)}${JSON.stringify(fake.responses)}`).toMatch(/answer A recorded/);

    from = fake.calls.length;
    await mention('reveal', /Answer: /, 'U0TEACHER');
    expect(seenSince(from)).toMatch(/Answer: [A-N]\./);
  });
});
