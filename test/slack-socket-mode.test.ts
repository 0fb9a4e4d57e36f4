/**
 * Socket Mode: with SLACK_APP_TOKEN the adapter opens a WebSocket (URL from
 * `apps.connections.open` on the fake API) instead of serving HTTP, acks each envelope, answers
 * through the Web API, and answers a retried envelope once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../src/adapters/slack/index.js';
import type { ChatBot, InboundMessage, Reply } from '../src/bot/types.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';

class EchoBot implements ChatBot {
  readonly received: InboundMessage[] = [];
  async handle(message: InboundMessage): Promise<Reply[]> {
    this.received.push(message);
    return [{ kind: 'help', text: `You said: ${message.text}` }];
  }
  setDeliver(): void {}
  async close(): Promise<void> {}
}

let fake: FakeSlackApi;

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

function envelope(id: string, retryAttempt: number) {
  return {
    envelope_id: id,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt > 0 ? 'timeout' : '',
    payload: {
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'Ev0SOCKET',
      event_time: 1_700_000_000,
      event: {
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: 'U0ANA',
        text: 'help',
        ts: '9.1',
        event_ts: '9.1',
      },
    },
  };
}

describe('Slack adapter in Socket Mode', () => {
  it('connects with the app token, acks envelopes and answers a retried event once', async () => {
    const bot = new EchoBot();
    const adapter = createSlackAdapter({
      bot,
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: fake.apiUrl,
      maxFileBytes: 1024,
      webApiRetries: 0,
    });
    expect(adapter.mode).toBe('socket');
    expect(adapter.requestListener).toBeUndefined();
    await adapter.start();
    try {
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test-token');
      await fake.waitFor(() => fake.socketConnected);
      fake.socketSend(envelope('env-1', 0));
      await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
      fake.socketSend(envelope('env-2', 1));
      await fake.waitFor(() => fake.socketReceived.some((m) => m.envelope_id === 'env-2'));
      await adapter.idle();
      expect(fake.socketReceived.map((m) => m.envelope_id)).toEqual(['env-1', 'env-2']);
      expect(bot.received).toHaveLength(1);
      expect(fake.callsTo('chat.postMessage')[0]?.params).toMatchObject({
        channel: 'D0DM',
        text: 'You said: help',
      });
      expect(adapter.stats.duplicates).toBe(1);
    } finally {
      await adapter.stop();
    }
  });
});
