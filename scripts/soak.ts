/**
 * `npm run soak [-- --questions 10000 --minutes 10 --conversations 50 --json]`: a load test on
 * loopback through the Slack HTTP endpoint, not part of the default test run.
 *
 * The app runs in a child process (so its memory is measured alone) with Slack HTTP configured: a
 * test signing secret, and `SLACK_API_URL` pointing at a lean fake Slack API in this process that
 * serves the uploaded slices and counts what the bot posts. The model is the oracle test model, so
 * the run is CPU-light; state is in memory, or in Redis when `REDIS_URL` is set.
 *
 * Each conversation is a Slack thread in one of 10 channels with its own user: it uploads a slice
 * with a question, then asks follow-ups at a steady pace, one at a time, like a person. About 2 %
 * of events are delivered twice (a Slack retry with `X-Slack-Retry-Num`), which must not be
 * answered twice. Every question must get exactly one answer (`*X. Organ*`, X in A–N) and one
 * overlay; the app's RSS is sampled every 10 s. Prints a JSON summary; exits 1 on any error, lost
 * or duplicate reply. Bounded: it stops by itself after `--minutes` plus a minute of grace.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { OrganId } from '../src/pipeline/organs.js';
import { ORACLE_MODEL, oracleSlicePng } from '../test/helpers/bot-harness.js';

const SIGNING_SECRET = 'soak-signing-secret';
const BOT_TOKEN = 'xoxb-soak-token';
const TEAM = 'T0SOAK';
const CHANNELS = 10;
const SAMPLE_EVERY_MS = 10_000;
/** A question whose reply has not arrived after this long counts as lost. */
const REPLY_TIMEOUT_MS = 30_000;
const RETRY_SHARE = 0.02;
const QUESTIONS = [
  'Which organ stores bile?',
  'show the liver',
  'what about the spleen?',
  'show both kidneys',
  'Which organ filters blood?',
  'segment the right kidney',
  'show the left kidney',
  'Which organ makes insulin?',
];

// --- The app, in a child process -----------------------------------------------------------------

interface ChildReady {
  type: 'ready';
  url: string;
}
interface ChildMemory {
  type: 'memory';
  rssMb: number;
  heapMb: number;
}

async function serveChild(): Promise<void> {
  const setup = await new Promise<{ apiUrl: string; redisUrl?: string }>((resolve) =>
    process.once('message', resolve),
  );
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MODEL_PATH: ORACLE_MODEL,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: setup.apiUrl,
    ...(setup.redisUrl ? { REDIS_URL: setup.redisUrl, REDIS_PREFIX: `soak-${process.pid}` } : {}),
  });
  const app = await startApp(config, createLogger({ level: 'warn' }));
  const store = app.runtime.store as { ready?: (ms: number) => Promise<void> };
  await store.ready?.(5000);
  const report = () => {
    const m = process.memoryUsage();
    process.send?.({
      type: 'memory',
      rssMb: m.rss / 2 ** 20,
      heapMb: m.heapUsed / 2 ** 20,
    } satisfies ChildMemory);
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'sample') report();
    if (message.type === 'stop') void app.shutdown().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', url: app.url } satisfies ChildReady);
}

// --- A lean fake Slack Web API: counts, keeps no bodies ------------------------------------------

interface Outstanding {
  eventId: string;
  messageTs: string;
  done: () => void;
}

class SoakSlackApi {
  apiUrl = '';
  origin = '';
  readonly files = new Map<string, Buffer>();
  /** Answer texts per event id (exactly one expected). */
  readonly replies = new Map<string, number>();
  /** Overlays uploaded per event id (exactly one expected). */
  readonly overlays = new Map<string, number>();
  /** Replies that were not answers (`*X. …*`): error messages, with the first few texts kept. */
  errorReplies = 0;
  readonly errorSamples: string[] = [];
  /** Replies in a thread with no question waiting (a late duplicate). */
  orphanReplies = 0;
  unknownCalls = 0;
  calls = 0;
  /** The question waiting in each thread (key: channel/thread ts). */
  readonly waiting = new Map<string, Outstanding>();
  /** Thread of each message the bot posted (progress messages are edited into answers). */
  readonly postedIn = new Map<string, string>();
  #server?: Server;
  #nextTs = 1_800_000_000;
  #nextUpload = 1;

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      this.#route(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    this.#server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.apiUrl = `${this.origin}/api/`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  hostFile(id: string, name: string, bytes: Buffer): Record<string, unknown> {
    this.files.set(id, bytes);
    return {
      id,
      name,
      title: name,
      mimetype: 'image/png',
      filetype: 'png',
      size: bytes.length,
      mode: 'hosted',
      url_private: `${this.origin}/files-pri/${TEAM}-${id}/${name}`,
      url_private_download: `${this.origin}/files-pri/${TEAM}-${id}/download/${name}`,
    };
  }

  #reply(thread: string | undefined, text: string): void {
    if (text.startsWith('Analysing')) return; // a progress note, not a reply
    const waiting = thread ? this.waiting.get(thread) : undefined;
    if (!waiting) {
      this.orphanReplies += 1;
      return;
    }
    this.replies.set(waiting.eventId, (this.replies.get(waiting.eventId) ?? 0) + 1);
    if (!/^\*[A-N]\. /.test(text)) {
      this.errorReplies += 1;
      if (this.errorSamples.length < 5) this.errorSamples.push(text.slice(0, 200));
    }
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.calls += 1;
    const url = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);

    const download = url.pathname.match(/^\/files-pri\/[^/]+-(F[^/]+)\//);
    if (req.method === 'GET' && download) {
      const bytes = this.files.get(download[1] as string);
      if (!bytes || req.headers.authorization !== `Bearer ${BOT_TOKEN}`) return void res.writeHead(404).end();
      return void res
        .writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length })
        .end(bytes);
    }
    if (url.pathname.startsWith('/upload/')) return void res.writeHead(200).end('OK');

    const method = url.pathname.replace(/^\/api\//, '');
    const params: Record<string, string> = req.headers['content-type']?.includes('json')
      ? (JSON.parse(body.toString() || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(body.toString()));
    const thread = (channel: unknown, ts: unknown) => `${String(channel)}/${String(ts)}`;
    let answer: Record<string, unknown> = { ok: true };
    switch (method) {
      case 'auth.test':
        answer = { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: TEAM, user: 'organ-seg' };
        break;
      case 'reactions.add':
      case 'chat.delete':
        break;
      case 'reactions.remove': {
        // The adapter removes its hourglass last: the turn is over. Find the question by its ts.
        for (const [key, waiting] of this.waiting) {
          if (waiting.messageTs === params.timestamp) {
            this.waiting.delete(key);
            waiting.done();
            break;
          }
        }
        break;
      }
      case 'chat.postMessage': {
        const ts = `${this.#nextTs++}.000100`;
        const where = thread(params.channel, params.thread_ts);
        this.postedIn.set(ts, where);
        this.#reply(where, String(params.text ?? ''));
        answer = { ok: true, channel: params.channel, ts };
        break;
      }
      case 'chat.update': {
        const where = this.postedIn.get(String(params.ts));
        const text = String(params.text ?? '');
        // A progress message is edited several times, then once into the reply: forget it then.
        if (!text.startsWith('Analysing')) this.postedIn.delete(String(params.ts));
        this.#reply(where, text);
        answer = { ok: true, channel: params.channel, ts: params.ts };
        break;
      }
      case 'files.getUploadURLExternal': {
        const fileId = `FUP${this.#nextUpload++}`;
        answer = { ok: true, upload_url: `${this.origin}/upload/${fileId}`, file_id: fileId };
        break;
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(String(params.files ?? '[]')) as Array<{ id: string }>;
        const waiting = this.waiting.get(thread(params.channel_id, params.thread_ts));
        if (waiting)
          this.overlays.set(waiting.eventId, (this.overlays.get(waiting.eventId) ?? 0) + files.length);
        else this.orphanReplies += 1;
        answer = { ok: true, files: files.map((f) => ({ id: f.id })) };
        break;
      }
      default:
        this.unknownCalls += 1;
        answer = { ok: false, error: 'unknown_method' };
    }
    const text = JSON.stringify(answer);
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      .end(text);
  }
}

// --- The load -------------------------------------------------------------------------------------

function sign(body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

async function postEvent(eventsUrl: string, body: string, retryNum?: number): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(body, timestamp),
  };
  if (retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const res = await fetch(eventsUrl, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

/** Least-squares slope of (minutes, MB) samples, in MB per minute. */
function slopePerMinute(samples: Array<{ atMs: number; rssMb: number }>): number {
  if (samples.length < 2) return 0;
  const xs = samples.map((s) => s.atMs / 60_000);
  const ys = samples.map((s) => s.rssMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: '10000' },
      minutes: { type: 'string', default: '10' },
      conversations: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
    },
  });
  if (values.serve) return serveChild();
  const totalQuestions = Number(values.questions);
  const minutes = Number(values.minutes);
  const conversations = Number(values.conversations);
  if (!(totalQuestions > 0 && minutes > 0 && conversations > 0))
    throw new Error('--questions, --minutes and --conversations must be positive');
  const perConversation = Math.ceil(totalQuestions / conversations);
  const perUserPerMinute = perConversation / minutes;
  if (perUserPerMinute > 30) {
    console.warn(
      `[soak] ${perUserPerMinute.toFixed(0)} questions per user per minute is over the bot's default limit of 30: expect rate_limited replies`,
    );
  }
  const redisUrl = loadConfig().redis?.url;

  const slack = new SoakSlackApi();
  await slack.start();
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const memory: Array<{ atMs: number; rssMb: number; heapMb: number }> = [];
  let started = 0;
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (message: ChildReady | ChildMemory) => {
      if (message.type === 'ready') resolve(message.url);
      if (message.type === 'memory')
        memory.push({
          atMs: started ? Date.now() - started : 0,
          rssMb: message.rssMb,
          heapMb: message.heapMb,
        });
    });
    child.once('exit', (code) => reject(new Error(`the app exited with code ${code} before it was ready`)));
  });
  child.send({ apiUrl: slack.apiUrl, redisUrl });
  const appUrl = await ready;
  const eventsUrl = new URL('/slack/events', appUrl).toString();
  // Whatever happens, the run ends: minutes of load plus a minute of grace.
  const hardStop = setTimeout(
    () => {
      console.error('[soak] over time: stopping');
      child.kill('SIGKILL');
      process.exit(1);
    },
    (minutes + 1) * 60_000 + 30_000,
  );
  hardStop.unref();

  const variants: OrganId[][] = [
    [1, 2, 3, 13, 9],
    [1, 2, 3, 13],
    [1, 3, 9],
    [2, 13, 9],
    [1, 2, 13],
  ];
  const slices = await Promise.all(variants.map((organs) => oracleSlicePng(organs)));

  started = Date.now();
  child.send({ type: 'sample' });
  const sampler = setInterval(() => child.send({ type: 'sample' }), SAMPLE_EVERY_MS);
  const intervalMs = (minutes * 60_000) / perConversation;
  let sent = 0;
  let retriesSent = 0;
  let rejectedAcks = 0;
  let lost = 0;
  const latencies: number[] = [];
  let eventSeq = 0;

  async function converse(index: number): Promise<void> {
    const channel = `C${String(index % CHANNELS).padStart(4, '0')}`;
    const user = `U${String(index).padStart(4, '0')}`;
    const rootTs = `${1_700_000_000 + index}.000000`;
    // Spread the conversations' first messages over one interval, so load is steady from the start.
    await sleep((index / conversations) * intervalMs);
    for (let q = 0; q < perConversation && sent < totalQuestions; q++) {
      const due = started + (index / conversations) * intervalMs + q * intervalMs;
      if (Date.now() < due) await sleep(due - Date.now());
      sent += 1;
      const eventId = `Ev${String(++eventSeq).padStart(9, '0')}`;
      const ts = q === 0 ? rootTs : `${1_700_000_000 + index}.${String(q).padStart(6, '0')}`;
      const event: Record<string, unknown> = {
        type: 'message',
        channel,
        channel_type: 'channel',
        user,
        text: QUESTIONS[(index + q) % QUESTIONS.length],
        ts,
        event_ts: ts,
      };
      if (q === 0) {
        event.subtype = 'file_share';
        event.files = [slack.hostFile(`F${index}`, 'slice.png', slices[index % slices.length] as Buffer)];
      } else {
        event.thread_ts = rootTs;
      }
      const body = JSON.stringify({
        team_id: TEAM,
        api_app_id: 'A0SOAK',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      const key = `${channel}/${rootTs}`;
      const finished = new Promise<void>((resolve) =>
        slack.waiting.set(key, { eventId, messageTs: ts, done: resolve }),
      );
      const askedAt = performance.now();
      if ((await postEvent(eventsUrl, body)) !== 200) rejectedAcks += 1;
      if (Math.random() < RETRY_SHARE) {
        retriesSent += 1;
        if ((await postEvent(eventsUrl, body, 1)) !== 200) rejectedAcks += 1;
      }
      const outcome = await Promise.race([
        finished.then(() => 'done' as const),
        sleep(REPLY_TIMEOUT_MS).then(() => 'late' as const),
      ]);
      if (outcome === 'late') {
        lost += 1;
        slack.waiting.delete(key);
      } else {
        latencies.push(performance.now() - askedAt);
      }
    }
  }

  await Promise.all(Array.from({ length: conversations }, (_, i) => converse(i)));
  // A late duplicate would arrive within a few seconds of its original.
  await sleep(3000);
  clearInterval(sampler);
  child.send({ type: 'sample' });
  await sleep(200);
  const elapsedMs = Date.now() - started;
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(hardStop);
  await slack.stop();

  const counts = [...slack.replies.values()];
  const duplicates = counts.filter((n) => n > 1).length;
  const answered = counts.filter((n) => n >= 1).length;
  const overlaysMissing = [...slack.replies.keys()].filter(
    (id) => (slack.overlays.get(id) ?? 0) !== 1,
  ).length;
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  const rss = memory.map((m) => m.rssMb);
  const secondHalf = memory.filter((m) => m.atMs >= elapsedMs / 2);
  const summary = {
    questions: sent,
    conversations,
    minutes: +(elapsedMs / 60_000).toFixed(2),
    questionsPerSecond: +(sent / (elapsedMs / 1000)).toFixed(1),
    store: redisUrl ? 'redis' : 'memory',
    answered,
    lost,
    unanswered: sent - answered,
    duplicates,
    orphanReplies: slack.orphanReplies,
    errorReplies: slack.errorReplies,
    errorSamples: slack.errorSamples,
    overlaysMissing,
    retriesSent,
    rejectedAcks,
    unknownSlackCalls: slack.unknownCalls,
    slackApiCalls: slack.calls,
    latencyMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: Math.round(sorted.at(-1) ?? 0) },
    rssMb: {
      start: +(rss[0] ?? 0).toFixed(1),
      end: +(rss.at(-1) ?? 0).toFixed(1),
      peak: +Math.max(...rss).toFixed(1),
      samples: rss.length,
      slopeMbPerMinute: +slopePerMinute(memory).toFixed(2),
      secondHalfSlopeMbPerMinute: +slopePerMinute(secondHalf).toFixed(2),
    },
    // The JS heap alone: flat here with RSS growing points at native memory (libvips, glibc arenas).
    heapMb: {
      start: +(memory[0]?.heapMb ?? 0).toFixed(1),
      end: +(memory.at(-1)?.heapMb ?? 0).toFixed(1),
      peak: +Math.max(...memory.map((m) => m.heapMb)).toFixed(1),
      slopeMbPerMinute: +slopePerMinute(memory.map((m) => ({ atMs: m.atMs, rssMb: m.heapMb }))).toFixed(2),
    },
  };
  const ok =
    summary.unanswered === 0 &&
    duplicates === 0 &&
    slack.orphanReplies === 0 &&
    slack.errorReplies === 0 &&
    overlaysMissing === 0 &&
    rejectedAcks === 0;
  console.log(values.json ? JSON.stringify({ ok, ...summary }) : JSON.stringify({ ok, ...summary }, null, 2));
  process.exitCode = ok ? 0 : 1;
}

await main();
