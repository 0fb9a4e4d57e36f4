/**
 * Graceful shutdown of the whole app (`startApp`): a web chat turn that is still segmenting when
 * shutdown starts finishes and its reply reaches the user; new connections are refused meanwhile;
 * shutdown resolves once the drain is done.
 */
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';
import { FakeSlackApi } from './helpers/fake-slack-api.js';

let app: RunningApp | undefined;

afterEach(async () => {
  await app?.shutdown();
  app = undefined;
});

/** Holds the app's first model load until the test says go; resolves `reached` when a turn gets there. */
function slowSegmentation(running: RunningApp, delayMs: number): Promise<void> {
  const { pipeline } = running.runtime;
  let segmenting!: () => void;
  const reached = new Promise<void>((resolve) => {
    segmenting = resolve;
  });
  const getSegmenter = pipeline.getSegmenter.bind(pipeline);
  pipeline.getSegmenter = async () => {
    segmenting();
    await sleep(delayMs);
    return getSegmenter();
  };
  return reached;
}

/** True when a new TCP connection to `url` is refused. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('graceful shutdown', () => {
  it('drains an in-flight web chat turn, refuses new connections, then stops', async () => {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_PATH: ORACLE_MODEL }),
      silentLogger,
    );
    // Segmentation slowed down, so the turn is still running when shutdown starts.
    const reachedModel = slowSegmentation(app, 800);

    const png = await oracleSlicePng();
    const inFlight = fetch(new URL('/web/api/messages', app.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-id': 'shutdown-session-01' },
      body: JSON.stringify({
        text: 'Which organ stores bile?',
        files: [{ name: 'slice.png', contentType: 'image/png', data: png.toString('base64') }],
      }),
    }).then(async (res) => ({ status: res.status, body: await res.text() }));
    await reachedModel;

    const stopping = app.shutdown();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(await refused(app.url)).toBe(true);
    expect(stopped).toBe(false); // still draining the turn

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    const events = body
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type: string; reply?: { answer?: { letters: string[] } } });
    const answer = events.find((e) => e.type === 'reply')?.reply?.answer;
    expect(answer?.letters).toEqual(['I']);
    expect(events.at(-1)?.type).toBe('done');

    await stopping;
    expect(await refused(app.url)).toBe(true);
  }, 30_000);

  it('finishes a Slack turn acknowledged before shutdown and posts its reply', async () => {
    const fake = new FakeSlackApi();
    await fake.start();
    try {
      const secret = 'shutdown-signing-secret';
      app = await startApp(
        loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          MODEL_PATH: ORACLE_MODEL,
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: fake.apiUrl,
        }),
        silentLogger,
      );
      const reachedModel = slowSegmentation(app, 800);
      const file = fake.hostFile({
        id: 'F0SHUT',
        name: 'slice.png',
        mimetype: 'image/png',
        bytes: await oracleSlicePng(),
      });
      const body = JSON.stringify({
        team_id: 'T0TEAM',
        api_app_id: 'A0APP',
        type: 'event_callback',
        event_id: 'EvSHUTDOWN1',
        event_time: 1_700_000_000,
        event: {
          type: 'message',
          subtype: 'file_share',
          channel: 'C0SHUT',
          channel_type: 'channel',
          user: 'U0ANA',
          text: 'Which organ stores bile?',
          ts: '1700000000.000100',
          files: [file],
        },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const ack = await fetch(new URL('/slack/events', app.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
        body,
      });
      expect(ack.status).toBe(200); // Slack got its ack; the answer is still being worked out
      await reachedModel;
      await app.shutdown();
      const texts = [...fake.callsTo('chat.postMessage'), ...fake.callsTo('chat.update')].map((c) =>
        String(c.params.text ?? ''),
      );
      expect(texts.some((t) => t.includes('I. Gallbladder'))).toBe(true);
      expect(fake.uploads.size).toBe(1); // the overlay went out too
    } finally {
      await fake.stop();
    }
  }, 30_000);
});
