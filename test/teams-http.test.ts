/**
 * The Teams adapter over real HTTP: Activities are posted to `/api/messages` on loopback and the
 * bot's replies are caught by a fake Bot Connector (`serviceUrl`) that also serves attachments and,
 * for the authentication tests, the JWKS the SDK fetches to verify tokens signed here.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsAdapter } from '../src/adapters/teams/index.js';
import type { ChatBot, DeliverFn, InboundMessage, ProgressFn, Reply } from '../src/bot/types.js';

const BOT_APP_ID = '00000000-0000-0000-0000-00000000b07a';
const TENANT = 'tenant-1';
const SLICE_PNG_BYTES = 9_000;

interface RecordedReply {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
}

/** Fake Bot Connector + file host + Entra JWKS endpoint. */
class FakeTeamsCloud {
  readonly replies: RecordedReply[] = [];
  readonly fileRequests: { path: string; authorization?: string }[] = [];
  jwks: unknown = { keys: [] };
  jwksFetches = 0;
  slicePng = Buffer.alloc(0);
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.slicePng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#404040' } })
      .png()
      .toBuffer();
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method === 'POST' && match) {
      this.replies.push({
        conversationId: match[1] ?? '',
        replyToId: match[2],
        authorization: req.headers.authorization,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `reply-${this.replies.length}` }));
      return;
    }
    if (req.method === 'GET' && path.startsWith('/files/')) {
      this.fileRequests.push({ path, authorization: req.headers.authorization });
      if (path === '/files/huge.png') {
        res
          .writeHead(200, { 'content-type': 'image/png', 'content-length': String(SLICE_PNG_BYTES * 1000) })
          .end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/png' }).end(this.slicePng);
      return;
    }
    if (req.method === 'GET' && path.endsWith('/discovery/v2.0/keys')) {
      this.jwksFetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.jwks));
      return;
    }
    res.writeHead(404).end();
  }

  /** Replies other than typing indicators. */
  messages(): RecordedReply[] {
    return this.replies.filter((r) => r.activity.type === 'message');
  }
}

/** A stand-in for the bot core that answers like the real one: overlay, answer, quiz buttons. */
class FakeBot implements ChatBot {
  readonly received: InboundMessage[] = [];
  deliver?: DeliverFn;
  overlay = Buffer.alloc(0);

  async prepare(): Promise<void> {
    // Larger than Teams shows inline, so the adapter has to shrink it.
    this.overlay = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#0077bb' } })
      .png()
      .toBuffer();
  }

  async handle(message: InboundMessage, progress?: ProgressFn): Promise<Reply[]> {
    this.received.push(message);
    if (message.text === 'boom') throw new Error('stack trace material: /srv/secret/path.ts:12');
    if (message.action?.action === 'quiz-answer') {
      return [
        {
          kind: 'quiz',
          text: message.action.value === 'B' ? '*Correct!* B is the right kidney.' : 'Not quite.',
        },
      ];
    }
    if (message.text === 'forget')
      return [{ kind: 'info', text: 'Done: I forgot the images of this conversation.' }];
    if (message.attachments.length > 0) {
      progress?.('Analysing the slice…');
      return [
        {
          kind: 'answer',
          text: '*B*: the right kidney is outlined in blue.',
          answer: {
            letters: ['B'],
            names: ['Right kidney'],
            noneOfThem: false,
            explanation: 'It lies on the patient right, behind the liver.',
            organs: [
              { letter: 'B', name: 'Right kidney', bbox: [10, 20, 30, 40], areaPx: 300, confidence: 0.9 },
            ],
          },
          image: {
            png: this.overlay,
            altText: 'CT slice with the right kidney outlined in blue',
            fileName: 'overlay.png',
            width: 1600,
            height: 1200,
          },
          buttons: [{ action: 'quiz-start', value: 'start', label: 'Quiz me', textEquivalent: 'quiz' }],
        },
      ];
    }
    return [{ kind: 'help', text: `You said: ${message.text}` }];
  }

  setDeliver(_platform: string, deliver: DeliverFn): void {
    this.deliver = deliver;
  }

  async close(): Promise<void> {}
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

async function listen(adapter: TeamsAdapter): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    // The composition root's route table, reduced to the one route.
    if (req.url === '/api/messages') void adapter.handleRequest(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages` };
}

function activity(cloud: FakeTeamsCloud, overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: cloud.url,
    timestamp: new Date().toISOString(),
    from: { id: '29:user-1', name: 'Dr Ada', aadObjectId: 'aad-user-1' },
    recipient: { id: `28:${BOT_APP_ID}`, name: 'Organ Seg' },
    conversation: { id: 'a:1personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('Teams adapter, authentication disabled for tests', () => {
  const cloud = new FakeTeamsCloud();
  const bot = new FakeBot();
  let adapter: TeamsAdapter;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    await Promise.all([cloud.start(), bot.prepare()]);
    adapter = createTeamsAdapter({
      bot,
      authentication: 'disabled-for-tests',
      extraServiceUrlHosts: ['127.0.0.1'],
      maxAttachmentBytes: SLICE_PNG_BYTES * 10,
      getConnectorToken: async () => 'outgoing-test-token',
    });
    ({ server, url } = await listen(adapter));
  });

  afterAll(async () => {
    await adapter.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cloud.stop();
  });

  it('answers a 1:1 image with an Adaptive Card holding the organ and the overlay with alt text', async () => {
    const before = cloud.messages().length;
    const inbound = activity(cloud, {
      text: 'which organ is B?',
      attachments: [
        { contentType: 'image/*', contentUrl: `${cloud.url}files/slice.png` },
        { contentType: 'text/html', content: '<div>which organ is B?</div>' },
      ],
    });
    const response = await post(url, inbound);
    expect(response.status).toBe(200);
    await adapter.idle();

    // The image was fetched with the bot's token (same host as serviceUrl) and reached the bot intact.
    expect(cloud.fileRequests.at(-1)).toEqual({
      path: '/files/slice.png',
      authorization: 'Bearer outgoing-test-token',
    });
    const received = bot.received.at(-1);
    expect(received?.attachments[0]?.bytes).toEqual(new Uint8Array(cloud.slicePng));
    expect(received?.conversation).toEqual({ platform: 'teams', workspace: TENANT, channel: 'a:1personal' });

    const messages = cloud.messages().slice(before);
    expect(messages[0]?.activity.text).toBe('Analysing the slice…');
    const reply = messages.at(-1);
    expect(reply?.conversationId).toBe('a:1personal');
    expect(reply?.replyToId).toBe(inbound.id);
    expect(reply?.authorization).toBe('Bearer outgoing-test-token');
    const attachments = (reply?.activity.attachments ?? []) as {
      contentType: string;
      content: { body: Record<string, unknown>[] };
    }[];
    const attachment = attachments[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const body = attachment?.content.body ?? [];
    expect(body.map((b) => b.text)).toContain('Answer: **B** — Right kidney');
    const image = body.find((b) => b.type === 'Image');
    expect(image?.altText).toBe('CT slice with the right kidney outlined in blue');
    // The 1600 × 1200 overlay was shrunk to Teams' 1024-pixel cap.
    const png = Buffer.from(String(image?.url).replace('data:image/png;base64,', ''), 'base64');
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 768]);
  });

  it('ignores a channel message without a mention and answers one with a mention, in the thread', async () => {
    const before = cloud.messages().length;
    const receivedBefore = bot.received.length;
    const channel = {
      id: '19:general@thread.tacv2;messageid=1700000000500',
      conversationType: 'channel',
      tenantId: TENANT,
    };
    const unaddressed = await post(url, activity(cloud, { conversation: channel, text: 'hello team' }));
    expect(unaddressed.status).toBe(200);
    await adapter.idle();
    expect(bot.received.length).toBe(receivedBefore);
    expect(cloud.messages().length).toBe(before);

    const mention = activity(cloud, {
      conversation: channel,
      text: '<at>Organ Seg</at> what can you do?',
      entities: [
        {
          type: 'mention',
          text: '<at>Organ Seg</at>',
          mentioned: { id: `28:${BOT_APP_ID}`, name: 'Organ Seg' },
        },
      ],
    });
    expect((await post(url, mention)).status).toBe(200);
    await adapter.idle();
    expect(bot.received.at(-1)?.text).toBe('what can you do?');
    expect(bot.received.at(-1)?.conversation).toEqual({
      platform: 'teams',
      workspace: TENANT,
      channel: '19:general@thread.tacv2',
      thread: '1700000000500',
    });
    const reply = cloud.messages().at(-1);
    expect(reply?.conversationId).toBe('19:general@thread.tacv2;messageid=1700000000500');
    expect(reply?.activity.text).toBe('You said: what can you do?');
  });

  it('passes a pressed quiz button (Action.Submit) to the bot and posts the verdict', async () => {
    await post(url, activity(cloud, { text: undefined, value: { action: 'quiz-answer', value: 'B' } }));
    await adapter.idle();
    expect(bot.received.at(-1)?.action).toEqual({ action: 'quiz-answer', value: 'B' });
    expect(cloud.messages().at(-1)?.activity.text).toBe('**Correct!** B is the right kidney.');
  });

  it('acknowledges an Action.Execute invoke at once and posts the answer afterwards', async () => {
    const response = await post(
      url,
      activity(cloud, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'quiz-answer',
            data: { action: 'quiz-answer', value: 'C' },
          },
        },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    await adapter.idle();
    expect(bot.received.at(-1)?.action).toEqual({ action: 'quiz-answer', value: 'C' });
    expect(cloud.messages().at(-1)?.activity.text).toBe('Not quite.');
  });

  it('passes `forget` through as text', async () => {
    await post(url, activity(cloud, { text: 'forget' }));
    await adapter.idle();
    expect(bot.received.at(-1)?.text).toBe('forget');
    expect(cloud.messages().at(-1)?.activity.text).toBe('Done: I forgot the images of this conversation.');
  });

  it('refuses an attachment over the size limit with a specific, friendly message', async () => {
    const receivedBefore = bot.received.length;
    await post(
      url,
      activity(cloud, {
        text: '',
        attachments: [
          { contentType: 'image/png', contentUrl: `${cloud.url}files/huge.png`, name: 'huge.png' },
        ],
      }),
    );
    await adapter.idle();
    expect(bot.received.length).toBe(receivedBefore);
    const text = String(cloud.messages().at(-1)?.activity.text);
    expect(text).toContain('"huge.png" is larger than');
    expect(text).toContain('Send a single slice as PNG or JPEG');
  });

  it('answers a bot failure with a friendly message, never the error itself', async () => {
    await post(url, activity(cloud, { text: 'boom' }));
    await adapter.idle();
    const text = String(cloud.messages().at(-1)?.activity.text);
    expect(text).toContain('something went wrong on my side');
    expect(text).not.toContain('secret');
    expect(adapter.stats().failedTurns).toBeGreaterThan(0);
  });

  it('delivers asynchronous replies (a quiz round ending) to a known conversation', async () => {
    await bot.deliver?.(
      { platform: 'teams', workspace: TENANT, channel: 'a:1personal' },
      { kind: 'quiz', text: 'Time is up: it was *B*.' },
    );
    const reply = cloud.messages().at(-1);
    expect(reply?.conversationId).toBe('a:1personal');
    expect(reply?.activity.text).toBe('Time is up: it was **B**.');
  });

  it('rejects malformed bodies and activities with a foreign serviceUrl', async () => {
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    const foreign = await post(url, activity(cloud, { serviceUrl: 'https://attacker.example/' }));
    expect(foreign.status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
    const huge = await post(url, activity(cloud, { text: 'x'.repeat(1024 * 1024 + 1) }));
    expect(huge.status).toBe(413);
  });
});

describe('Teams adapter, authentication on', () => {
  const cloud = new FakeTeamsCloud();
  const bot = new FakeBot();
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = 'https://issuer.test.example/tenant-1/v2.0';
  let adapter: TeamsAdapter;
  let server: Server;
  let url: string;

  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      aud: BOT_APP_ID,
      iss: issuer,
      iat: now,
      nbf: now,
      exp: now + 600,
      serviceurl: cloud.url,
      ...overrides,
    };
  }

  beforeAll(async () => {
    await Promise.all([cloud.start(), bot.prepare()]);
    cloud.jwks = {
      keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }],
    };
    adapter = createTeamsAdapter({
      bot,
      authentication: {
        clientId: BOT_APP_ID,
        tenantId: TENANT,
        // The SDK fetches signing keys from `<authority>/discovery/v2.0/keys`: the fake cloud here.
        authorityEndpoint: `${cloud.url}tenant-1`,
        issuers: [issuer],
      },
      extraServiceUrlHosts: ['127.0.0.1'],
      getConnectorToken: async () => 'outgoing-test-token',
    });
    ({ server, url } = await listen(adapter));
  });

  afterAll(async () => {
    await adapter.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cloud.stop();
  });

  it('rejects a request without a token with 401 and counts it', async () => {
    const response = await post(url, activity(cloud, { text: 'hello' }));
    expect(response.status).toBe(401);
    expect(adapter.stats().authRejected).toBe(1);
    expect(bot.received).toHaveLength(0);
  });

  it('rejects garbage, wrong-audience and wrongly signed tokens with 401 and counts them', async () => {
    const wrongAudience = signJwt(claims({ aud: 'someone-else' }), signing.privateKey, 'test-key');
    const forged = signJwt(claims(), stranger.privateKey, 'test-key');
    const expired = signJwt(
      claims({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      signing.privateKey,
      'test-key',
    );
    for (const token of ['not-a-jwt', wrongAudience, forged, expired]) {
      const response = await post(url, activity(cloud, { text: 'hello' }), token);
      expect(response.status).toBe(401);
    }
    expect(adapter.stats().authRejected).toBe(5);
    expect(bot.received).toHaveLength(0);
    expect(cloud.replies).toHaveLength(0);
  });

  it('accepts a correctly signed token and replies through the connector with the bot token', async () => {
    const token = signJwt(claims(), signing.privateKey, 'test-key');
    const response = await post(url, activity(cloud, { text: 'hello' }), token);
    expect(response.status).toBe(200);
    await adapter.idle();
    expect(bot.received.at(-1)?.text).toBe('hello');
    const reply = cloud.messages().at(-1);
    expect(reply?.activity.text).toBe('You said: hello');
    expect(reply?.authorization).toBe('Bearer outgoing-test-token');
    // The SDK really verified the signature against the published keys.
    expect(cloud.jwksFetches).toBeGreaterThan(0);
  });

  it('cannot be created without a client id', () => {
    expect(() => createTeamsAdapter({ bot, authentication: { clientId: '' } })).toThrow(/clientId/);
  });
});
