/**
 * The bot process restarts in the middle of a conversation: with REDIS_URL set, the second
 * `organ-seg chat` process continues where the first stopped (the image, the selection and the
 * turn history are read back from Redis; nothing is kept in the process).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';
import {
  connectRawClient,
  deleteKeysWithPrefix,
  randomPrefix,
  redisAnswers,
  SHARED_REDIS_URL,
} from './helpers/redis.js';

const BIN = fileURLToPath(new URL('../bin/organ-seg.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/adapters/cli/main.js', import.meta.url)));
const redisUp = await redisAnswers(SHARED_REDIS_URL);
if (!redisUp) console.warn(`restart test skipped: no Redis answers at ${SHARED_REDIS_URL} (CI starts one)`);

/** Runs one `organ-seg chat --json` process over `lines` and returns its JSON replies. */
function chat(lines: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'chat', '--json', '--session', 'ward-round'], { cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`chat exited ${code}: ${err}`));
      else
        resolve(
          out
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe.skipIf(!built || !redisUp)(
  'a bot restart mid-conversation (state in Redis)',
  { timeout: 120_000 },
  () => {
    const prefix = randomPrefix('restart');
    let dir: string;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'organ-seg-restart-'));
      writeFileSync(join(dir, 'slice.png'), await oracleSlicePng());
      env = {
        ...process.env,
        REDIS_URL: SHARED_REDIS_URL,
        REDIS_PREFIX: prefix,
        MODEL_PATH: ORACLE_MODEL,
        LOG_LEVEL: 'silent',
      };
    });
    afterAll(async () => {
      const raw = await connectRawClient(SHARED_REDIS_URL);
      await deleteKeysWithPrefix(raw, prefix);
      await raw.quit();
    });

    it('continues the conversation in a new process', async () => {
      const first = await chat(['/upload slice.png', 'show the right kidney'], env, dir);
      expect(first.at(-1)).toMatchObject({ letters: ['B'], names: ['Right kidney'] });
      // A new process: no memory of the first, only Redis.
      const second = await chat(['now the left one', 'undo'], env, dir);
      expect(second[0]).toMatchObject({ letters: ['M'], names: ['Left kidney'] });
      expect(second[1]?.altText).toMatch(/right kidney/);
    });
  },
);
