/**
 * The web chat's JSON API with a fake bot: upload + question → streamed progress and replies with an
 * inline overlay and its alt text; follow-ups; friendly errors; the token and the localhost guard;
 * late replies over Server-Sent Events. The translation functions are checked on fixtures too.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { assertWebChatExposure, isLoopbackHost, tokenMatches } from '../src/adapters/web/auth.js';
import {
  toInboundMessage,
  toWebReply,
  type WebReply,
  type WebStreamEvent,
} from '../src/adapters/web/translate.js';
import { mountWebChat, type WebChatOptions } from '../src/adapters/web/web-chat.js';
import { ErrorCode } from '../src/errors.js';
import { HttpServer } from '../src/server.js';
import { createFakeChatBot, type FakeChatBot } from './helpers/web-fake-bot.js';

const SESSION = 'test-session-0001';
const servers: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startChat(
  options: Partial<WebChatOptions> = {},
): Promise<{ url: string; bot: FakeChatBot; server: HttpServer }> {
  const bot = createFakeChatBot({ lateReplyMs: 50 });
  const server = new HttpServer({ port: 0 });
  servers.push(server);
  mountWebChat(server, { bot, ...options });
  const { port } = await server.listen();
  // "localhost", as a browser on this machine would send it in the Host header.
  return { url: `http://localhost:${port}`, bot, server };
}

async function slicePng(): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
  return png.toString('base64');
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; events: WebStreamEvent[]; json?: { error: string; message: string } }> {
  const response = await fetch(`${url}/web/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session-id': SESSION, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.headers.get('content-type')?.startsWith('application/x-ndjson')) {
    const events = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as WebStreamEvent);
    return { status: response.status, events };
  }
  return { status: response.status, events: [], json: JSON.parse(text) };
}

function replies(events: WebStreamEvent[]): WebReply[] {
  return events.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
}

describe('web chat API', () => {
  it('serves the page with a strict content security policy', async () => {
    const { url } = await startChat();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<label for="question"');
    expect(html).toContain('/web/static/app.js');
    const script = await fetch(`${url}/web/static/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${url}/web/static/../../config.ts`)).status).toBe(404);
  });

  it('answers an upload + question with progress first, then the organ, the overlay and its alt text', async () => {
    const { url, bot } = await startChat();
    const { status, events } = await post(url, {
      text: 'Which organ is the largest? A. Liver B. Right kidney',
      files: [{ name: 'slice.png', contentType: 'image/png', data: await slicePng() }],
      messageId: 'm1',
    });
    expect(status).toBe(200);
    const kinds = events.map((e) => e.type);
    expect(kinds.indexOf('progress')).toBeLessThan(kinds.indexOf('reply'));
    expect(kinds.at(-1)).toBe('done');
    expect(events).toContainEqual({ type: 'progress', note: 'Finding the organs…' });

    const [answer] = replies(events);
    expect(answer?.kind).toBe('answer');
    expect(answer?.answer?.letters).toEqual(['A']);
    expect(answer?.answer?.names).toEqual(['Liver']);
    expect(answer?.image?.altText).toMatch(/liver highlighted in orange/);
    expect(answer?.image?.src).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(answer?.image?.src.split(',')[1] ?? '', 'base64');
    expect((await sharp(png).metadata()).width).toBe(256);

    // What reached the bot: one web conversation for this session, the file as bytes.
    const message = bot.received[0];
    expect(message?.conversation).toEqual({ platform: 'web', workspace: 'local', channel: SESSION });
    expect(message?.attachments[0]?.name).toBe('slice.png');
    expect(message?.eventId).toBe(`web:${SESSION}:m1`);
  });

  it('answers a follow-up about the same image without a new upload', async () => {
    const { url } = await startChat();
    await post(url, { text: 'which is the liver?', files: [{ name: 's.png', data: await slicePng() }] });
    const { events } = await post(url, { text: 'and the spleen?' });
    const [answer] = replies(events);
    expect(answer?.answer?.names).toEqual(['Spleen']);
    expect(answer?.image?.altText).toMatch(/spleen/);
  });

  it('passes error replies through and hides bot crashes behind a friendly message', async () => {
    const { url, server } = await startChat();
    const noImage = replies((await post(url, { text: 'where is the liver?' })).events)[0];
    expect(noImage?.kind).toBe('error');
    expect(noImage?.errorCode).toBe('no_active_image');
    expect(noImage?.text).toMatch(/Drag a PNG, DICOM or NIfTI slice/);

    const crash = await post(url, { text: 'boom' });
    expect(crash.status).toBe(200);
    const [reply] = replies(crash.events);
    expect(reply?.kind).toBe('error');
    expect(reply?.text).toMatch(/send your message again/);
    expect(JSON.stringify(crash.events)).not.toContain('internal detail');
    expect((server.metrics().web as { botFailures: number }).botFailures).toBe(1);
  });

  it('sends quiz buttons with their text equivalents, and a pressed button as an action', async () => {
    const { url, bot } = await startChat();
    const [quiz] = replies((await post(url, { text: 'quiz' })).events);
    expect(quiz?.kind).toBe('quiz');
    expect(quiz?.buttons?.map((b) => b.textEquivalent)).toEqual(['A', 'B', 'C']);
    const [result] = replies((await post(url, { action: { action: 'quiz-answer', value: 'A' } })).events);
    expect(result?.text).toMatch(/Correct/);
    expect(bot.received.at(-1)?.action).toEqual({ action: 'quiz-answer', value: 'A' });
  });

  it('rejects bad requests with a sentence the page can show', async () => {
    const { url } = await startChat({ maxFileBytes: 1000 });
    const empty = await post(url, { text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json?.message).toMatch(/Type a question or add a file/);

    const tooBig = await post(url, {
      text: 'hi',
      files: [{ name: 'big.png', data: Buffer.alloc(900).toString('base64') + 'A'.repeat(800) }],
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json?.message).toMatch(/"big.png" is 1.5 KiB, over the 1 KiB limit/);
    // A body far over the limit is refused from its Content-Length, before it is read.
    const huge = await post(url, { text: 'hi', files: [{ name: 'huge.png', data: 'A'.repeat(100_000) }] });
    expect(huge.status).toBe(413);
    expect(huge.json?.message).toMatch(/over the 1 KiB limit/);

    const noSession = await fetch(`${url}/web/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(noSession.status).toBe(400); // also what a cross-site form post gets: it cannot set the header
  });

  it('needs the token when one is configured, counts failures, and accepts it as bearer or ?token=', async () => {
    const { url } = await startChat({ token: 's3cret-token', host: '0.0.0.0' });
    const missing = await post(url, { text: 'help' });
    expect(missing.status).toBe(401);
    expect(missing.json?.message).toMatch(/access token/);
    const wrong = await post(url, { text: 'help' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${url}/web/api/events?session=${SESSION}&token=nope`);
    expect(events.status).toBe(401);

    const health = (await (await fetch(`${url}/healthz`)).json()) as {
      metrics: { web: { authFailures: number } };
    };
    expect(health.metrics.web.authFailures).toBe(3);

    const ok = await post(url, { text: 'help' }, { authorization: 'Bearer s3cret-token' });
    expect(ok.status).toBe(200);
    expect(replies(ok.events)[0]?.kind).toBe('help');
    const viaQuery = await fetch(`${url}/web/api/messages?token=s3cret-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-id': SESSION },
      body: JSON.stringify({ text: 'help' }),
    });
    expect(viaQuery.status).toBe(200);
    await viaQuery.text();
    // The page itself carries no secret and loads without the token.
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('without a token, answers only requests addressed to localhost (DNS rebinding guard)', async () => {
    const { url, server } = await startChat();
    const port = new URL(url).port;
    // fetch silently drops a Host header; node:http sends it as a rebinding page's request would arrive.
    expect(await rawPostStatus(Number(port), `evil.example:${port}`)).toBe(403);
    expect(await rawPostStatus(Number(port), `127.0.0.1:${port}`)).toBe(200);
    expect((server.metrics().web as { authFailures: number }).authFailures).toBe(1);
  });

  it('delivers replies that arrive later over Server-Sent Events, keeping them while no tab listens', async () => {
    const { url, bot } = await startChat();
    const conversation = { platform: 'web' as const, workspace: 'local', channel: SESSION };
    await bot.deliverTo(conversation, { kind: 'info', text: 'queued while away' });

    const controller = new AbortController();
    const response = await fetch(`${url}/web/api/events?session=${SESSION}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('queued while away');
    await post(url, { action: { action: 'quiz-answer', value: 'B' } });
    await readUntil('Round over');
    expect(received).toMatch(/event: reply\ndata: \{"kind":"info","text":"\*Round over\.\*/);
    controller.abort();
  });

  it('ends open event streams when the server shuts down, so shutdown is not held up', async () => {
    const { url, server } = await startChat();
    const response = await fetch(`${url}/web/api/events?session=${SESSION}`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    let done = false;
    while (!done) done = (await reader.read()).done;
  });
});

describe('web chat translation and auth helpers', () => {
  it('turns the page JSON into one InboundMessage and rejects malformed bodies', () => {
    const message = toInboundMessage(
      { text: '  which organ?  ', files: [{ name: 'a.dcm', data: Buffer.from('DICM').toString('base64') }] },
      SESSION,
      1000,
    );
    expect(message.text).toBe('which organ?');
    expect(Buffer.from(message.attachments[0]?.bytes ?? []).toString()).toBe('DICM');
    expect(message.user.id).toBe(SESSION);
    expect(() => toInboundMessage({ files: [{ name: 'x', data: '%%%' }] }, SESSION, 1000)).toThrow(
      /could not read/,
    );
  });

  it('keeps alt text and text equivalents when translating replies', () => {
    const reply = toWebReply({
      kind: 'quiz',
      text: 'Pick one',
      image: {
        png: Buffer.from([1, 2, 3]),
        altText: 'Slice with the liver highlighted',
        fileName: 'q.png',
        width: 1,
        height: 1,
      },
      buttons: [{ action: 'quiz-answer', value: 'A', label: 'A. Liver', textEquivalent: '' }],
      files: [
        {
          name: 'mask.nii.gz',
          contentType: 'application/gzip',
          bytes: new Uint8Array([9]),
          description: 'The mask',
        },
      ],
    });
    expect(reply.image).toMatchObject({
      src: 'data:image/png;base64,AQID',
      altText: 'Slice with the liver highlighted',
    });
    expect(reply.buttons?.[0]?.textEquivalent).toBe('A. Liver');
    expect(reply.files?.[0]?.src).toBe('data:application/gzip;base64,CQ==');
  });

  it('compares tokens exactly and refuses an exposed bind address without one', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(() => assertWebChatExposure('0.0.0.0', undefined)).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid }),
    );
    expect(() => assertWebChatExposure('0.0.0.0', 'token')).not.toThrow();
    expect(() => assertWebChatExposure('127.0.0.1', undefined)).not.toThrow();
  });
});

async function rawPostStatus(port: number, host: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/web/api/messages',
        headers: { host, 'content-type': 'application/json', 'x-session-id': SESSION },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ text: 'help' }));
  });
}
