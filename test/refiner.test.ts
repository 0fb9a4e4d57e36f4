import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { ErrorCode } from '../src/errors.js';
import type { OrganId } from '../src/pipeline/organs.js';
import { createRefiner, type Refiner, refineSegmentation } from '../src/pipeline/refiner.js';
import { resizeBilinear } from '../src/pipeline/resample.js';
import type { SliceSegmentation } from '../src/pipeline/segment.js';
import { makeBot, message, oracleSlicePng } from './helpers/bot-harness.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/models/${name}`, import.meta.url));

describe('box-prompt refiner (MedSAM signature, tiny random-weight fixtures)', () => {
  it('loads the encoder/decoder pair and returns a mask on the slice grid that follows the box', async () => {
    const refiner = await createRefiner({
      encoderPath: fixture('tiny-medsam-encoder.onnx'),
      decoderPath: fixture('tiny-medsam-decoder.onnx'),
    });
    const width = 300;
    const height = 200;
    const pixels = new Float32Array(width * height).map((_, i) => ((i * 7919) % 255) / 255);
    const box: [number, number, number, number] = [60, 40, 180, 150];
    const mask = await refiner.refine({ width, height, pixels }, box, 'slice-a');
    expect(mask.length).toBe(width * height);
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!mask[y * width + x]) continue;
        if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) inside++;
        else outside++;
      }
    }
    // The fixture decoder's logits grow with the distance inside the box: the mask is the box.
    const boxArea = (box[2] - box[0] + 1) * (box[3] - box[1] + 1);
    expect(inside / boxArea).toBeGreaterThan(0.8);
    expect(outside / boxArea).toBeLessThan(0.1);
    // A second organ on the same slice reuses the cached embeddings and still follows its own box.
    const second = await refiner.refine({ width, height, pixels }, [200, 20, 290, 60], 'slice-a');
    expect(second[40 * width + 250]).toBe(1);
    expect(second[100 * width + 100]).toBe(0);
    await expect(refiner.refine({ width, height, pixels }, [10, 10, 400, 20])).rejects.toMatchObject({
      code: ErrorCode.InputCorrupt,
    });
    await refiner.close();
  });

  it('refuses missing files and models with the wrong signature', async () => {
    await expect(
      createRefiner({ encoderPath: '/nope.onnx', decoderPath: fixture('tiny-medsam-decoder.onnx') }),
    ).rejects.toMatchObject({
      code: ErrorCode.ModelUnavailable,
    });
    await expect(
      createRefiner({
        encoderPath: fixture('tiny-organ-seg.onnx'),
        decoderPath: fixture('tiny-medsam-decoder.onnx'),
      }),
    ).rejects.toMatchObject({ code: ErrorCode.ModelInvalid });
  });

  it('resizes bilinearly with pixel-centre alignment', () => {
    const up = resizeBilinear(new Float32Array([0, 1]), 2, 1, 4, 1);
    expect(Array.from(up)).toEqual([0, 0.25, 0.75, 1]);
  });

  // 6×4 slice: liver (1) in columns 0–1, spleen (3) in column 5; the rest background.
  function coarse(): SliceSegmentation {
    const labels = new Uint8Array(24);
    for (let y = 0; y < 4; y++) {
      labels[y * 6] = 1;
      labels[y * 6 + 1] = 1;
      labels[y * 6 + 5] = 3;
    }
    const findings = Array.from({ length: 13 }, (_, i) => ({
      id: (i + 1) as OrganId,
      present: false,
      areaPx: 0,
      bbox: null as [number, number, number, number] | null,
      confidence: 0,
    }));
    findings[0] = { id: 1, present: true, areaPx: 8, bbox: [0, 0, 1, 3], confidence: 0.9 };
    findings[2] = { id: 3, present: true, areaPx: 4, bbox: [5, 0, 5, 3], confidence: 0.8 };
    return { width: 6, height: 4, labels, findings, modelVersion: 'm1' };
  }

  it('merges refined masks without taking other organs, keeping coarse masks the refiner misses', async () => {
    const asked: number[][] = [];
    const fake: Refiner = {
      async refine(_slice, box) {
        asked.push([...box]);
        const mask = new Uint8Array(24);
        // Liver: rows 0–1 of columns 0–5 (into the spleen's column); spleen: nothing.
        if (box[0] === 0) for (let i = 0; i < 12; i++) mask[i] = 1;
        return mask;
      },
      async close() {},
    };
    const seg = coarse();
    const refined = await refineSegmentation(
      fake,
      { width: 6, height: 4, pixels: new Float32Array(24) },
      seg,
    );
    expect(asked).toEqual([
      [0, 0, 1, 3],
      [5, 0, 5, 3],
    ]);
    expect(Array.from(refined.labels)).toEqual([
      1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 3,
    ]);
    expect(refined.findings[0]).toMatchObject({ areaPx: 10, bbox: [0, 0, 4, 1], confidence: 0.9 });
    expect(refined.findings[2]).toMatchObject({ areaPx: 4, bbox: [5, 0, 5, 3] });
    expect(refined.modelVersion).toBe('m1+refined');
    expect(Array.from(seg.labels).filter((v) => v === 1)).toHaveLength(8); // the input is untouched
  });

  it('the bot redraws the shown organs from their boxes when a refiner is configured', async () => {
    const upload = { name: 'slice.png', bytes: await oracleSlicePng() };
    const areas: number[] = [];
    for (const refiner of [
      undefined,
      { encoderPath: fixture('tiny-medsam-encoder.onnx'), decoderPath: fixture('tiny-medsam-decoder.onnx') },
    ]) {
      const bot = makeBot(new MemoryConversationStore({}), { refiner });
      const key = { platform: 'web' as const, workspace: 'test', channel: 'refine' };
      await bot.handle(message(key, '', upload));
      const [reply] = await bot.handle(message(key, 'show the liver'));
      expect(reply?.answer?.letters).toEqual(['A']);
      areas.push(reply?.answer?.organs[0]?.areaPx ?? 0);
      await bot.close();
    }
    // The fixture decoder returns the box itself: a disc becomes (nearly) its bounding square, 4/π larger.
    const [disc, square] = areas as [number, number];
    expect(disc).toBeGreaterThan(1000);
    expect(square / disc).toBeGreaterThan(1.15);
    expect(square / disc).toBeLessThan(1.35);
  });

  it('a refiner that cannot load leaves the coarse masks in place', async () => {
    const bot = makeBot(new MemoryConversationStore({}), {
      refiner: { encoderPath: '/nope.onnx', decoderPath: '/nope.onnx' },
    });
    const key = { platform: 'web' as const, workspace: 'test', channel: 'refine-missing' };
    await bot.handle(message(key, '', { name: 'slice.png', bytes: await oracleSlicePng() }));
    const [reply] = await bot.handle(message(key, 'show the liver'));
    expect(reply?.answer?.letters).toEqual(['A']);
    expect(reply?.answer?.organs[0]?.areaPx).toBeGreaterThan(1000);
    await bot.close();
  });
});
