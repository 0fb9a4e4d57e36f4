/**
 * A full Teams conversation through the real bot core (oracle test model, memory store): Bot
 * Framework Activities posted to /api/messages, replies caught on a local serviceUrl. Upload →
 * answer with overlay → follow-up → "None of them" → quiz round with a card button → reveal.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsAdapter } from '../src/adapters/teams/index.js';
import type { OrganSegBot } from '../src/bot/bot.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { makeBot, oracleSlicePng } from './helpers/bot-harness.js';

const TENANT = 'tenant-real';
const replies: Record<string, unknown>[] = [];
let slicePng: Buffer;
let cloud: Server;
let cloudUrl: string;
let bot: OrganSegBot;
let adapter: TeamsAdapter;
let server: Server;
let url: string;
let n = 0;

function activity(overrides: Record<string, unknown>): Record<string, unknown> {
  n++;
  return {
    type: 'message',
    id: `real-${n}`,
    channelId: 'msteams',
    serviceUrl: cloudUrl,
    timestamp: new Date().toISOString(),
    from: { id: '29:ada', name: 'Dr Ada', aadObjectId: 'aad-ada' },
    recipient: { id: '28:bot', name: 'Organ Seg' },
    conversation: { id: 'a:1real', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

/** Posts an activity and returns what the bot then said (message texts and card JSON, joined). */
async function say(overrides: Record<string, unknown>): Promise<string> {
  const from = replies.length;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(overrides)),
  });
  expect(res.status).toBe(200);
  await adapter.idle();
  return JSON.stringify(replies.slice(from).filter((r) => r.type === 'message'));
}

beforeAll(async () => {
  slicePng = await oracleSlicePng();
  cloud = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
      replies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `r${replies.length}` }));
      return;
    }
    if (req.method === 'GET' && req.url === '/files/slice.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(slicePng);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
  cloudUrl = `http://127.0.0.1:${(cloud.address() as AddressInfo).port}/`;
  bot = makeBot(new MemoryConversationStore({}));
  adapter = createTeamsAdapter({
    bot,
    authentication: 'disabled-for-tests',
    extraServiceUrlHosts: ['127.0.0.1'],
    getConnectorToken: async () => 'outgoing-test-token',
  });
  server = createServer((req, res) => void adapter.handleRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});

afterAll(async () => {
  await adapter.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => cloud.close(() => resolve()));
  await bot.close();
});

describe('Teams: a full conversation on the real bot core', () => {
  it('upload → answer with overlay → follow-up → none of them → quiz round', async () => {
    let seen = await say({
      text: 'Which organ is responsible for bile storage?',
      attachments: [{ contentType: 'image/*', contentUrl: `${cloudUrl}files/slice.png` }],
    });
    expect(seen).toMatch(/Gallbladder/);
    expect(seen).toMatch(/application\/vnd\.microsoft\.card\.adaptive/);
    expect(seen).toMatch(/gallbladder highlighted in green/); // the overlay image's alt text
    expect(seen).toMatch(/data:image\/png;base64,/);

    seen = await say({ text: 'now show both kidneys' });
    expect(seen).toMatch(/Right kidney/);
    expect(seen).toMatch(/Left kidney/);

    seen = await say({ text: 'segment the pancreas' });
    expect(seen).toMatch(/None of them[\s\S]*pancreas is not visible/i);

    seen = await say({ text: 'quiz' });
    expect(seen).toMatch(/Quiz!/);
    expect(seen).toMatch(/quiz-answer/);

    seen = await say({
      text: '',
      value: { action: 'quiz-answer', value: 'A' },
      from: { id: '29:ben', name: 'Ben', aadObjectId: 'aad-ben' },
    });
    expect(seen).toMatch(/answer A recorded/);

    seen = await say({ text: 'reveal' });
    expect(seen).toMatch(/Answer: [A-N]\./);
  });
});
