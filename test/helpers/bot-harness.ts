/**
 * Builds the real bot core on the oracle model (test/fixtures/models, see
 * training/make_oracle_fixture.py), whose answers on `oracleSlicePng` are known in advance, so
 * scripted conversations can check the letters and the mask drawn at every turn.
 */
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createBot, type OrganSegBot } from '../../src/bot/bot.js';
import type { ConversationKey, InboundMessage, Reply } from '../../src/bot/types.js';
import type { ConversationStore } from '../../src/cache/store.js';
import { DEFAULT_INPUT_LIMITS } from '../../src/config.js';
import { colourRgb, type OrganId, organById } from '../../src/pipeline/organs.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { LlmResolver } from '../../src/pipeline/question/llm.js';
import { createQuestionResolver, type QuestionResolver } from '../../src/pipeline/question/resolver.js';
import { niftiBytes } from './synthetic.js';

export const ORACLE_MODEL = fileURLToPath(
  new URL('../fixtures/models/oracle-organ-seg.onnx', import.meta.url),
);

/** Organ discs the oracle recognises: intensity and centre (fractions of the image). */
export const ORACLE_ORGANS: Record<number, { value: number; cx: number; cy: number; r: number }> = {
  1: { value: 0.2, cx: 0.3, cy: 0.42, r: 0.14 },
  3: { value: 0.3, cx: 0.74, cy: 0.42, r: 0.08 },
  2: { value: 0.4, cx: 0.33, cy: 0.72, r: 0.07 },
  13: { value: 0.5, cx: 0.67, cy: 0.72, r: 0.07 },
  9: { value: 0.6, cx: 0.55, cy: 0.25, r: 0.04 },
};

/** Display pixels of a slice with the given organs (radius scale per organ optional). */
export function oraclePixels(
  size: number,
  organs: OrganId[],
  scale: Partial<Record<OrganId, number>> = {},
): Float32Array {
  const px = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const d = ((u - 0.5) / 0.46) ** 2 + ((v - 0.5) / 0.44) ** 2;
      if (d > 1) continue;
      let value = d > 0.8 ? 1 : 0.1;
      for (const id of organs) {
        const o = ORACLE_ORGANS[id];
        if (!o) continue;
        const r = o.r * (scale[id] ?? 1);
        if ((u - o.cx) ** 2 + (v - o.cy) ** 2 <= r * r) value = o.value;
      }
      px[y * size + x] = value;
    }
  }
  return px;
}

export async function oracleSlicePng(organs: OrganId[] = [1, 2, 3, 13, 9], size = 256): Promise<Buffer> {
  const px = oraclePixels(size, organs);
  return sharp(Buffer.from(px.map((v) => Math.round(v * 255))), {
    raw: { width: size, height: size, channels: 1 },
  })
    .png()
    .toBuffer();
}

/**
 * A 5-slice 256×256 NIfTI (the model size, so no resampling blurs the intensity bands; display order, 1.5 mm pixels, 5 mm slices, cal range 0..1): the liver grows
 * from slice 1 to its largest at slice 4 then shrinks; the gallbladder is only in slices 3 and 4;
 * the kidneys are in every slice.
 */
/**
 * A 5-slice NIfTI for the oracle model: the liver grows and shrinks over slices 2–5, the gallbladder
 * and spleen come and go. `strayLiver` adds a liver-bright square to the first slice, away from
 * everything: on that slice alone it reads as liver, in 3D it touches nothing.
 */
export function oracleVolumeNifti(size = 256, options: { strayLiver?: boolean } = {}): Uint8Array {
  const first = oraclePixels(size, [2, 13], {});
  if (options.strayLiver) {
    const liver = ORACLE_ORGANS[1]?.value ?? 0;
    const [a, b] = [Math.round(size * 0.45), Math.round(size * 0.57)];
    for (let y = Math.round(size * 0.35); y < Math.round(size * 0.47); y++)
      for (let x = a; x < b; x++) first[y * size + x] = liver;
  }
  const slices: Float32Array[] = [
    first,
    oraclePixels(size, [1, 2, 13], { 1: 0.5 }),
    oraclePixels(size, [1, 2, 13, 9], { 1: 0.8 }),
    oraclePixels(size, [1, 2, 13, 9, 3], { 1: 1.1 }),
    oraclePixels(size, [1, 2, 13, 3], { 1: 0.7 }),
  ];
  const data = new Float32Array(size * size * slices.length);
  slices.forEach((s, k) => {
    data.set(s, k * size * size);
  });
  const nii = niftiBytes(
    data,
    [size, size, slices.length],
    [-1.5, 0, 0, 0, 0, -1.5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 1],
  );
  const view = new DataView(nii.buffer, nii.byteOffset);
  view.setFloat32(124, 1, true); // cal_max: show intensities as stored
  view.setFloat32(128, 0, true);
  return nii;
}

export function makeBot(
  store: ConversationStore,
  options: {
    random?: () => number;
    quizRoundMs?: number;
    now?: () => number;
    llm?: (fallback: QuestionResolver) => LlmResolver;
    keepDicomUids?: boolean;
    refiner?: { encoderPath: string; decoderPath: string };
  } = {},
): OrganSegBot {
  const resolver = createQuestionResolver();
  const pipeline = new Pipeline({
    modelPath: ORACLE_MODEL,
    inputLimits: DEFAULT_INPUT_LIMITS,
    resolver,
    refiner: options.refiner,
  });
  return createBot({
    pipeline,
    resolver,
    store,
    random: options.random ?? (() => 0.42),
    quizRoundMs: options.quizRoundMs ?? 0,
    now: options.now,
    rateLimits: { userPerMinute: 10_000, channelPerMinute: 10_000 },
    llm: options.llm?.(resolver),
    keepDicomUids: options.keepDicomUids,
  });
}

export function message(
  conversation: ConversationKey,
  text: string,
  file?: { name: string; bytes: Uint8Array },
  user = 'U1',
): InboundMessage {
  return {
    conversation,
    user: { id: user, name: user },
    text,
    attachments: file ? [{ name: file.name, bytes: file.bytes }] : [],
  };
}

/** Organ ids whose disc centre is tinted with the organ's colour in the reply's overlay. */
export async function organsPainted(
  reply: Reply,
  candidates: OrganId[] = [1, 2, 3, 9, 13],
): Promise<OrganId[]> {
  if (!reply.image) return [];
  const { data, info } = await sharp(reply.image.png)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const painted: OrganId[] = [];
  for (const id of candidates) {
    const o = ORACLE_ORGANS[id];
    if (!o) continue;
    // Oracle slices are square; the legend strip under the slice adds rows below it.
    const x = Math.floor(o.cx * info.width);
    const y = Math.floor(o.cy * info.width);
    const i = (y * info.width + x) * info.channels;
    const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    if (r === g && g === b) continue; // plain gray: not painted
    const [cr, cg, cb] = colourRgb(organById(id).colour);
    // Tinted towards this organ's colour: the pixel moved from gray in the colour's direction.
    const gray = Math.round(o.value * 255);
    const dot = (r - gray) * (cr - gray) + (g - gray) * (cg - gray) + (b - gray) * (cb - gray);
    if (dot > 0) painted.push(id);
  }
  return painted;
}
