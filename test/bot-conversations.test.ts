/**
 * Scripted multi-turn conversations through the real bot core, against both stores. Every turn
 * checks the letters chosen and the organs painted on the overlay (pixel colours at each organ).
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganSegBot } from '../src/bot/bot.js';
import type { ConversationKey, Reply } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { RedisConversationStore } from '../src/cache/redis-store.js';
import type { ConversationStore } from '../src/cache/store.js';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { readNifti } from '../src/pipeline/decode/nifti.js';
import type { OrganId } from '../src/pipeline/organs.js';
import { makeBot, message, oracleSlicePng, oracleVolumeNifti, organsPainted } from './helpers/bot-harness.js';
import {
  connectRawClient,
  deleteKeysWithPrefix,
  randomPrefix,
  redisAnswers,
  SHARED_REDIS_URL,
} from './helpers/redis.js';

type Upload = 'slice' | 'slice-no-gb' | 'volume' | 'corrupt' | 'pdf';

interface Step {
  say?: string;
  upload?: Upload;
  user?: string;
  letters?: string[];
  painted?: OrganId[];
  highlighted?: string[];
  kind?: Reply['kind'];
  text?: RegExp;
  slice?: number;
  files?: number;
  error?: string;
  noImage?: boolean;
}

const uploads: Record<Upload, () => Promise<{ name: string; bytes: Uint8Array }>> = {
  slice: async () => ({ name: 'slice.png', bytes: await oracleSlicePng() }),
  'slice-no-gb': async () => ({ name: 'slice2.png', bytes: await oracleSlicePng([1, 2, 3, 13]) }),
  volume: async () => ({ name: 'abdomen.nii', bytes: oracleVolumeNifti() }),
  corrupt: async () => ({ name: 'broken.png', bytes: (await oracleSlicePng()).subarray(0, 200) }),
  pdf: async () => ({ name: 'report.pdf', bytes: Buffer.from('%PDF-1.5\n1 0 obj\n<<>>\nendobj\n') }),
};

const conversations: Record<string, Step[]> = {
  'function question: bile storage': [
    { upload: 'slice', kind: 'info', text: /liver.*spleen|gallbladder/i },
    { say: 'Which organ is responsible for bile storage?', letters: ['I'], painted: [9] },
  ],
  'false premise: gallbladder not in this slice': [
    { upload: 'slice-no-gb', kind: 'info' },
    { say: 'Which organ stores bile?', letters: ['N'], painted: [], text: /gallbladder is not visible/i },
  ],
  'imperative request for an organ not visible': [
    { upload: 'slice', kind: 'info' },
    { say: 'segment the IVC', letters: ['N'], painted: [], text: /not visible/i },
  ],
  'both kidneys': [{ upload: 'slice' }, { say: 'show both kidneys', letters: ['B', 'M'], painted: [2, 13] }],
  'laterality follow-ups': [
    { upload: 'slice' },
    { say: 'show the right kidney', letters: ['B'], painted: [2] },
    { say: 'now the left one', letters: ['M'], painted: [13] },
    { say: 'the other kidney', letters: ['B'], painted: [2] },
    { say: 'both', letters: ['B', 'M'], painted: [2, 13] },
    { say: 'now just the left one pls', letters: ['M'], painted: [13] },
    { say: 'only the other one', letters: ['B'], painted: [2] },
  ],
  'one of the pair on the picture, with another organ': [
    { upload: 'slice' },
    { say: 'show both kidneys', letters: ['B', 'M'], painted: [2, 13] },
    { say: 'the left one and the liver', letters: ['A', 'M'], painted: [1, 13] },
  ],
  '"kidney" alone means both, then hide one': [
    { upload: 'slice' },
    { say: 'where is the kidney?', letters: ['B', 'M'], painted: [2, 13] },
    { say: 'hide the left kidney', painted: [2], highlighted: ['B'] },
  ],
  'outside the 13: breathing': [
    { upload: 'slice' },
    { say: 'Which organ helps us breathe?', letters: ['N'], painted: [], text: /lung/i },
  ],
  'outline only and filled again': [
    { upload: 'slice' },
    { say: 'liver and spleen', letters: ['A', 'C'], painted: [1, 3] },
    { say: 'outline only', painted: [], highlighted: ['A', 'C'] },
    { say: 'filled', painted: [1, 3] },
  ],
  'show all organs': [
    { upload: 'slice' },
    { say: 'show all organs', painted: [1, 2, 3, 9, 13], highlighted: ['A', 'B', 'C', 'I', 'M'] },
  ],
  'undo returns to the previous picture': [
    { upload: 'slice' },
    { say: 'liver', letters: ['A'], painted: [1] },
    { say: 'spleen', letters: ['C'], painted: [3] },
    { say: 'undo', painted: [1] },
  ],
  'what about another organ': [
    { upload: 'slice' },
    { say: 'show me the liver', letters: ['A'], painted: [1] },
    { say: 'what about the spleen?', letters: ['C'], painted: [3] },
  ],
  'a follow-up that adds to the picture': [
    { upload: 'slice' },
    { say: 'Which organ is responsible for bile storage?', letters: ['I'], painted: [9] },
    { say: 'also outline the right kidney', letters: ['B', 'I'], painted: [2, 9] },
    { say: 'and the spleen', letters: ['B', 'C', 'I'], painted: [2, 3, 9] },
    { say: 'what about the liver?', letters: ['A'], painted: [1] },
  ],
  'correction and negation': [
    { upload: 'slice' },
    { say: 'not the liver — the one that stores bile', letters: ['I'], painted: [9] },
  ],
  'question before any upload': [
    { say: 'Which organ makes insulin?', letters: ['D'], noImage: true, text: /Upload a slice/i },
  ],
  'slice commands on a single slice': [
    { upload: 'slice' },
    { say: 'next slice', kind: 'info', text: /single slice/i },
  ],
  'volume: walk through slices': [
    { upload: 'volume', kind: 'info', text: /slice 3 of 5/i },
    { say: 'show the gallbladder', letters: ['I'], painted: [9], slice: 2 },
    { say: 'next slice', painted: [9], slice: 3 },
    { say: 'next slice', painted: [], slice: 4, text: /not visible/i },
    { say: 'previous slice', painted: [9], slice: 3 },
  ],
  'volume: slice where the liver is largest': [
    { upload: 'volume' },
    {
      say: 'go to the slice where the liver is largest',
      painted: [1],
      slice: 3,
      text: /largest in slice 4/i,
    },
  ],
  'volume: go to a slice by number, organ absent there': [
    { upload: 'volume' },
    { say: 'slice 1', slice: 0, painted: [] },
    { say: 'show the liver', letters: ['N'], painted: [], text: /liver is not visible/i },
    { say: 'slice 9', text: /does not exist/i },
  ],
  'volume: how big are they, for two organs': [
    { upload: 'volume' },
    { say: 'show both kidneys', letters: ['B', 'M'] },
    { say: 'how big are they?', text: /Right kidney: .*cm².*mL.*\nLeft kidney: .*cm².*mL/s },
  ],
  'volume: how big is it': [
    { upload: 'volume' },
    { say: 'show the liver', letters: ['A'], painted: [1] },
    { say: 'how big is it?', text: /cm².*mL/s },
  ],
  'slice without spacing: size in pixels': [
    { upload: 'slice' },
    { say: 'spleen', letters: ['C'] },
    { say: 'how big is it?', text: /pixels/ },
  ],
  'volume: export mask and label volume': [
    { upload: 'volume' },
    { say: 'liver', letters: ['A'] },
    { say: 'export', files: 2 },
  ],
  'slice: export mask': [
    { upload: 'slice' },
    { say: 'gallbladder', letters: ['I'] },
    { say: 'export', files: 1 },
  ],
  'zoom in and out': [
    { upload: 'slice' },
    { say: 'spleen', letters: ['C'], painted: [3] },
    { say: 'zoom in', highlighted: ['C'] },
    { say: 'zoom out', painted: [3] },
  ],
  'start over forgets the image': [
    { upload: 'slice' },
    { say: 'liver', letters: ['A'], painted: [1] },
    { say: 'start over', kind: 'info' },
    { say: 'liver', letters: ['A'], noImage: true },
  ],
  'empty message': [{ say: '   ', error: 'question_empty' }],
  'a corrupt upload loses nothing': [
    { upload: 'slice' },
    { say: 'liver', letters: ['A'], painted: [1] },
    { upload: 'corrupt', error: 'input_corrupt' },
    { say: 'spleen', letters: ['C'], painted: [3] },
  ],
  'a PDF is refused with a suggestion': [
    { upload: 'pdf', error: 'input_unsupported_format', text: /PNG|DICOM/ },
  ],
  help: [{ say: 'help', kind: 'help', text: /Upload a slice/ }],
  'left adrenal not visible': [
    { upload: 'slice' },
    { say: 'show the left adrenal gland', letters: ['N'], painted: [] },
  ],
  'typo in an organ name': [
    { upload: 'slice' },
    { say: 'wher is the spleeen', letters: ['C'], painted: [3] },
  ],
  'several organs with one missing': [
    { upload: 'slice-no-gb' },
    {
      say: 'show the liver and the gallbladder',
      letters: ['A'],
      painted: [1],
      text: /gallbladder is not visible/i,
    },
  ],
  'answering with a letter': [{ upload: 'slice' }, { say: 'M', letters: ['M'], painted: [13] }],
  'a new upload replaces the image': [
    { upload: 'slice' },
    { say: 'gallbladder', letters: ['I'], painted: [9] },
    { upload: 'slice-no-gb' },
    { say: 'gallbladder', letters: ['N'], painted: [] },
  ],
};

async function runScript(bot: OrganSegBot, key: ConversationKey, steps: Step[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const file = step.upload ? await uploads[step.upload]() : undefined;
    const replies = await bot.handle(message(key, step.say ?? '', file, step.user));
    const where = `step ${i + 1} (${step.say ?? step.upload})`;
    expect(replies.length, where).toBeGreaterThan(0);
    const reply = replies.at(-1) as Reply;
    if (step.error) {
      expect(reply.kind, where).toBe('error');
      expect(reply.errorCode, where).toBe(step.error);
    } else {
      expect(reply.kind, `${where}: ${reply.text}`).not.toBe('error');
    }
    if (step.kind) expect(reply.kind, where).toBe(step.kind);
    if (step.letters) expect(reply.answer?.letters, where).toEqual(step.letters);
    if (step.text) expect(reply.text, where).toMatch(step.text);
    if (step.painted) expect(await organsPainted(reply), where).toEqual(step.painted);
    if (step.highlighted) expect(reply.image?.organs, where).toEqual(step.highlighted);
    if (step.slice !== undefined) expect(reply.slice?.index, where).toBe(step.slice);
    if (step.files !== undefined) expect(reply.files?.length ?? 0, where).toBe(step.files);
    if (step.noImage) expect(reply.image, where).toBeUndefined();
    // No mask is ever painted on an organ the answer did not choose.
    if (reply.answer && step.painted) {
      const chosen = reply.answer.letters;
      for (const id of step.painted)
        expect((chosen as string[]).includes('ABCDEFGHIJKLM'[id - 1] as string), where).toBe(true);
    }
  }
}

const stores: {
  name: string;
  make: () => Promise<{ store: ConversationStore; cleanup: () => Promise<void> } | null>;
}[] = [
  {
    name: 'memory store',
    make: async () => ({ store: new MemoryConversationStore({}), cleanup: async () => {} }),
  },
  {
    name: 'Redis store',
    make: async () => {
      if (!(await redisAnswers(SHARED_REDIS_URL))) return null;
      const prefix = randomPrefix('conv');
      const store = new RedisConversationStore({ url: SHARED_REDIS_URL, prefix });
      // The store fails fast while disconnected (by design): wait for its first connection.
      await store.ready();
      return {
        store,
        cleanup: async () => {
          await store.close();
          const raw = await connectRawClient(SHARED_REDIS_URL);
          await deleteKeysWithPrefix(raw, prefix);
          await raw.quit();
        },
      };
    },
  },
];

for (const backend of stores) {
  describe(`scripted conversations (${backend.name})`, () => {
    let bot: OrganSegBot;
    let store: ConversationStore;
    let cleanup: () => Promise<void> = async () => {};
    let available = true;
    beforeAll(async () => {
      const made = await backend.make();
      if (!made) {
        available = false;
        console.warn(`${backend.name}: no Redis answers at ${SHARED_REDIS_URL}; skipping (CI starts one)`);
        return;
      }
      store = made.store;
      cleanup = made.cleanup;
      bot = makeBot(store);
    });
    afterAll(async () => {
      if (available) {
        await bot.close();
        await cleanup();
      }
    });

    it('has at least 30 scripted conversations', () => {
      expect(Object.keys(conversations).length).toBeGreaterThanOrEqual(30);
    });

    for (const [name, steps] of Object.entries(conversations)) {
      it(name, async (ctx) => {
        if (!available) ctx.skip();
        await runScript(
          bot,
          { platform: 'web', workspace: 'test', channel: name.replace(/\W+/g, '-') },
          steps,
        );
      });
    }

    it('exported label volume is a NIfTI on the input grid with the liver in it', async (ctx) => {
      if (!available) ctx.skip();
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'export-check' };
      await bot.handle(message(key, '', await uploads.volume()));
      await bot.handle(message(key, 'liver'));
      const [reply] = await bot.handle(message(key, 'export'));
      const nifti = reply?.files?.find((f) => f.name.endsWith('.nii.gz'));
      if (!nifti) throw new Error('no NIfTI export');
      const volume = readNifti(gunzipSync(nifti.bytes), DEFAULT_INPUT_LIMITS);
      expect(volume.geometry.dims).toEqual([256, 256, 5]);
      expect(volume.data.includes(1)).toBe(true);
      expect(volume.data.includes(9)).toBe(true);
    });

    it('reads the whole volume together for exports: a blob touching nothing in 3D is left out', async (ctx) => {
      if (!available) ctx.skip();
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'export-3d' };
      await bot.handle(
        message(key, '', { name: 'stray.nii', bytes: oracleVolumeNifti(256, { strayLiver: true }) }),
      );
      // The first slice on its own: the stray square reads as liver there.
      const [shown] = await bot.handle(message(key, 'slice 1'));
      expect(shown?.text).toMatch(/slice 1 of 5/i);
      const [liver] = await bot.handle(message(key, 'show the liver'));
      expect(liver?.answer?.letters).toEqual(['A']);
      const [reply] = await bot.handle(message(key, 'export'));
      const nifti = reply?.files?.find((f) => f.name.endsWith('.nii.gz'));
      if (!nifti) throw new Error('no NIfTI export');
      const volume = readNifti(gunzipSync(nifti.bytes), DEFAULT_INPUT_LIMITS);
      const [nx, ny, nz] = volume.geometry.dims;
      const planesWithLiver = Array.from({ length: nz }, (_, z) =>
        volume.data.subarray(z * nx * ny, (z + 1) * nx * ny).includes(1),
      ).filter(Boolean).length;
      expect(planesWithLiver).toBe(4); // the liver's own four slices, not the stray one
    });

    it('forget deletes the conversation', async (ctx) => {
      if (!available) ctx.skip();
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'forget-check' };
      await bot.handle(message(key, '', await uploads.slice()));
      expect(await store.getConversation(key)).toBeDefined();
      const [reply] = await bot.handle(message(key, 'forget'));
      expect(reply?.text).toMatch(/deleted/);
      expect(await store.getConversation(key)).toBeUndefined();
    });

    it('a duplicate delivery is answered once', async (ctx) => {
      if (!available) ctx.skip();
      const key: ConversationKey = { platform: 'slack', workspace: 'T1', channel: `dup-${Math.random()}` };
      const first = await bot.handle({ ...message(key, 'help'), eventId: `Ev-${key.channel}` });
      const second = await bot.handle({ ...message(key, 'help'), eventId: `Ev-${key.channel}` });
      expect(first).toHaveLength(1);
      expect(second).toHaveLength(0);
    });

    it('a quiz round grades each student once and reveals the answer with its mask', async (ctx) => {
      if (!available) ctx.skip();
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'quiz-room' };
      await bot.handle(message(key, '', await uploads.slice(), 'teacher'));
      const [quiz] = await bot.handle(message(key, 'quiz', undefined, 'teacher'));
      expect(quiz?.kind).toBe('quiz');
      expect(quiz?.buttons?.map((b) => b.value)).toEqual([...'ABCDEFGHIJKLMN']);
      expect(await organsPainted(quiz as Reply)).toEqual([]);
      const round = await store.getQuizRound(key);
      if (!round) throw new Error('no round');
      const wrong = round.correct === 'A' ? 'B' : 'A';
      const answers = await Promise.all([
        bot.handle(message(key, round.correct, undefined, 'alice')),
        bot.handle({
          ...message(key, '', undefined, 'bob'),
          action: { action: 'quiz-answer', value: wrong },
        }),
        bot.handle(message(key, round.correct, undefined, 'alice')),
      ]);
      expect(answers.flat().filter((r) => /already answered/.test(r.text))).toHaveLength(1);
      const [reveal] = await bot.handle(message(key, 'reveal', undefined, 'teacher'));
      expect(reveal?.text).toMatch(new RegExp(`Answer: ${round.correct}\\.`));
      expect(reveal?.text).toMatch(/1 of 2 answered correctly: alice/);
      const organ = 'ABCDEFGHIJKLM'.indexOf(round.correct) + 1;
      if (round.correct !== 'N') expect(await organsPainted(reveal as Reply)).toEqual([organ]);
      expect(await store.leaderboard(key, 5)).toEqual([{ userId: 'alice', score: 1 }]);
    });
  });
}
