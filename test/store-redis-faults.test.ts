/**
 * Redis going away: the store answers with the coded "state temporarily unavailable" error at once
 * (never hangs, never crashes the process), reconnects by itself, and keeps what Redis kept. These
 * tests kill and restart their own `redis-server` on a free port, never the shared one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConversationKey,
  emptyConversation,
  RedisConversationStore,
  STATE_UNAVAILABLE_MESSAGE,
} from '../src/cache/index.js';
import { ErrorCode } from '../src/errors.js';
import {
  connectRawClient,
  freePort,
  hasRedisServerBinary,
  type PrivateRedis,
  startRedisServer,
} from './helpers/redis.js';

const haveRedisServer = hasRedisServerBinary();
if (!haveRedisServer)
  console.warn('[store-redis-faults] no redis-server binary on PATH: skipping (.ci/run installs one)');

const key: ConversationKey = { platform: 'web', workspace: 'local', channel: 'session-1' };
const unavailable = { code: ErrorCode.StateUnavailable, userMessage: STATE_UNAVAILABLE_MESSAGE };

/** Polls `probe` until it resolves; fails the test after `timeoutMs`. */
async function eventually(probe: () => Promise<unknown>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

describe.skipIf(!haveRedisServer)('redis store when Redis fails', () => {
  let server: PrivateRedis | undefined;
  let store: RedisConversationStore | undefined;

  afterEach(async () => {
    await store?.close();
    await server?.kill();
    store = undefined;
    server = undefined;
  });

  const openStore = (url: string) =>
    new RedisConversationStore({ url, prefix: 'faults', commandTimeoutMs: 1000, maxReconnectDelayMs: 200 });

  it('rejects quickly with StateUnavailable when the server dies, then reconnects after a restart', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    store = openStore(server.url);
    await store.ready();
    await store.saveConversation(key, { ...emptyConversation(1), selection: [1] });

    await server.kill();
    const started = performance.now();
    const calls = await Promise.allSettled([
      store.getConversation(key),
      store.saveConversation(key, emptyConversation(2)),
      store.claimEvent('Ev1'),
      store.submitQuizAnswer(key, 'r1', 'U1', 'A'),
      store.putBlob(new Uint8Array([1, 2, 3])),
      store.hitRateLimit({ scope: 'user', id: 'U1', limit: 5, windowSeconds: 60 }),
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
    for (const call of calls) {
      expect(call.status).toBe('rejected');
      expect((call as PromiseRejectedResult).reason).toMatchObject(unavailable);
    }
    // Still failing fast a little later, while it retries in the background.
    await sleep(300);
    await expect(store.getConversation(key)).rejects.toMatchObject(unavailable);

    server = await startRedisServer(port);
    await eventually(() => store?.ping() ?? Promise.resolve());
    const after = { ...emptyConversation(3), selection: [13 as const] };
    await store.saveConversation(key, after);
    expect(await store.getConversation(key)).toEqual(after);
  });

  it('keeps every conversation Redis kept when only the connection drops', async () => {
    server = await startRedisServer(await freePort());
    store = openStore(server.url);
    await store.ready();
    const kept = { ...emptyConversation(1), selection: [3 as const, 11 as const] };
    await store.saveConversation(key, kept);
    await store.startQuizRound(key, { roundId: 'r1', correct: 'C', startedAt: 0 });

    const raw = await connectRawClient(server.url);
    try {
      // Drops every client connection but this one; the server and its data stay.
      const killed = await raw.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
      expect(Number(killed)).toBeGreaterThanOrEqual(1);
    } finally {
      await raw.close();
    }

    await eventually(() => store?.ping() ?? Promise.resolve());
    expect(await store.getConversation(key)).toEqual(kept);
    expect(await store.submitQuizAnswer(key, 'r1', 'U1', 'C')).toEqual({ accepted: true, correct: true });
  });

  it('times out instead of hanging when the server stops answering, and recovers when it answers again', async () => {
    server = await startRedisServer(await freePort());
    store = openStore(server.url);
    await store.ready();
    await store.saveConversation(key, emptyConversation(7));

    server.pause();
    try {
      const started = performance.now();
      await expect(store.getConversation(key)).rejects.toMatchObject(unavailable);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      server.resume();
    }
    await eventually(async () => expect((await store?.getConversation(key))?.updatedAt).toBe(7));
  });

  it('starts while Redis is down and connects once it appears', async () => {
    const port = await freePort();
    store = openStore(`redis://127.0.0.1:${port}`);
    const started = performance.now();
    await expect(store.getConversation(key)).rejects.toMatchObject(unavailable);
    expect(performance.now() - started).toBeLessThan(2000);

    server = await startRedisServer(port);
    await eventually(() => store?.ping() ?? Promise.resolve());
    await store.saveConversation(key, emptyConversation(5));
    expect((await store.getConversation(key))?.updatedAt).toBe(5);
  });
});
