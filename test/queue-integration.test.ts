/**
 * Slow tier: scale-out against one real Redis. Two bot replicas in PIPELINE_MODE=queue and two
 * `organ-seg worker` processes answer 100 concurrent questions about 100 different slices; one
 * worker is killed with SIGKILL mid-run. Every question must get exactly one answer, and the
 * killed worker's job must be picked up by the other one (stalled-job recovery).
 *
 * About 25 s on an idle 2-core machine; most of it is starting four Node processes under tsx
 * (the waits below are generous because a busy machine can take a minute for that alone).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ORACLE_MODEL } from './helpers/bot-harness.js';
import {
  connectRawClient,
  deleteKeysWithPrefix,
  randomPrefix,
  redisAnswers,
  SHARED_REDIS_URL,
} from './helpers/redis.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUESTIONS = 100;
const haveRedis = await redisAnswers(SHARED_REDIS_URL);
if (!haveRedis) console.warn(`queue integration test skipped: no Redis answers at ${SHARED_REDIS_URL}`);

interface Proc {
  child: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

function start(args: string[], env: Record<string, string>, stream: 'stdout' | 'stderr'): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child[stream] as NodeJS.ReadableStream }).on('line', (line) => lines.push(line));
  // The other stream is drained so a chatty process never blocks on a full pipe.
  (stream === 'stdout' ? child.stderr : child.stdout)?.resume();
  return { child, lines, exited: once(child, 'exit') };
}

async function until(
  check: () => boolean,
  timeoutMs: number,
  what: string,
  procs: Proc[] = [],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      const tails = procs.map((p) => p.lines.slice(-3).join('\n')).join('\n---\n');
      throw new Error(`timed out waiting for ${what}\n${tails}`);
    }
    await sleep(50);
  }
}

const jobsDone = (worker: Proc) => worker.lines.filter((l) => l.includes('segmentation job done')).length;

describe.skipIf(!haveRedis)('queue mode: 2 bots, 2 workers, one Redis', () => {
  const prefix = randomPrefix('queue-it');
  const procs: Proc[] = [];

  afterAll(async () => {
    for (const p of procs)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    const raw = await connectRawClient(SHARED_REDIS_URL);
    await deleteKeysWithPrefix(raw, prefix);
    await raw.quit();
  });

  it('answers 100 concurrent questions exactly once while a worker is killed', async () => {
    const workerEnv = {
      REDIS_URL: SHARED_REDIS_URL,
      REDIS_PREFIX: prefix,
      MODEL_PATH: ORACLE_MODEL,
      LOG_LEVEL: 'info',
      PIPELINE_MODE: 'in-process',
    };
    // Short locks so the dead worker's job is recovered within seconds, not the default 30 s.
    const workerArgs = ['src/adapters/cli/main.ts', 'worker', '--lock-ms', '3000', '--stalled-ms', '1000'];
    const [victim, survivor] = [
      start(workerArgs, workerEnv, 'stderr'),
      start(workerArgs, workerEnv, 'stderr'),
    ] as [Proc, Proc];
    const bots = [0, 1].map(() =>
      start(['test/helpers/queue-bot.ts', SHARED_REDIS_URL, prefix, ORACLE_MODEL], {}, 'stdout'),
    );
    procs.push(victim, survivor, ...bots);
    await until(
      () => [victim, survivor].every((w) => w.lines.some((l) => l.includes('worker ready'))),
      90_000,
      'workers',
      [victim, survivor],
    );
    await until(() => bots.every((b) => b.lines.includes('ready')), 90_000, 'bots', bots);

    for (let id = 0; id < QUESTIONS; id++) bots[id % 2]?.child.stdin?.write(`${JSON.stringify({ id })}\n`);
    for (const bot of bots) bot.child.stdin?.end();

    const answered = () => bots.reduce((n, b) => n + b.lines.length - 1, 0);
    await until(() => jobsDone(victim) >= 5, 60_000, 'the first worker to finish some jobs', [
      victim,
      survivor,
      ...bots,
    ]);
    victim.child.kill('SIGKILL');
    const [, signal] = (await victim.exited) as [number | null, string | null];
    const answeredAtKill = answered();
    const survivorAtKill = jobsDone(survivor);

    await Promise.all(bots.map((b) => b.exited));
    const replies = bots.flatMap((b) => b.lines.filter((l) => l !== 'ready').map((l) => JSON.parse(l)));

    expect(signal).toBe('SIGKILL');
    expect(answeredAtKill).toBeLessThan(QUESTIONS);
    const perId = new Map<number, number>();
    for (const reply of replies) perId.set(reply.id, (perId.get(reply.id) ?? 0) + 1);
    expect(replies).toHaveLength(QUESTIONS);
    expect([...perId.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: QUESTIONS }, (_, i) => i));
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    // Each is a real answer: the organ that stores bile, found on the slice and drawn.
    for (const reply of replies) {
      expect(reply).toMatchObject({
        kind: 'answer',
        names: ['Gallbladder'],
        organs: ['Gallbladder'],
        hasImage: true,
      });
    }
    // The survivor kept working after the kill, and the queue is empty.
    expect(jobsDone(survivor)).toBeGreaterThan(survivorAtKill);
    // The job the victim held when it died was found by the survivor's stalled-job check.
    expect(survivor.lines.some((l) => l.includes('stalled job moved back to the queue'))).toBe(true);
    const raw = await connectRawClient(SHARED_REDIS_URL);
    const waiting = await raw.lLen(`${prefix}:segmentation:wait`);
    const active = await raw.lLen(`${prefix}:segmentation:active`);
    await raw.quit();
    expect({ waiting, active }).toEqual({ waiting: 0, active: 0 });
  }, 240_000);
});
