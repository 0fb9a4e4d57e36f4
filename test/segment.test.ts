import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import type { Slice } from '../src/pipeline/decode/types.js';
import { dice } from '../src/pipeline/masks.js';
import { createSegmenter, type Segmenter } from '../src/pipeline/segment.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/models/${name}`, import.meta.url));

/**
 * A slice made for the oracle model (training/make_oracle_fixture.py): organs at the intensities
 * the oracle recognises, a bright rim (background, sets the 99th percentile to 1) and air outside
 * (sets the 1st percentile to 0), so normalisation is the identity and the answer is known.
 */
function oracleSlice(width: number, height: number, omit: number[] = []) {
  const pixels = new Float32Array(width * height);
  const labels = new Uint8Array(width * height);
  const organs = [
    { id: 1, value: 0.2, cx: 0.3, cy: 0.42, r: 0.14 },
    { id: 3, value: 0.3, cx: 0.74, cy: 0.42, r: 0.08 },
    { id: 2, value: 0.4, cx: 0.33, cy: 0.72, r: 0.07 },
    { id: 13, value: 0.5, cx: 0.67, cy: 0.72, r: 0.07 },
    { id: 9, value: 0.6, cx: 0.55, cy: 0.25, r: 0.04 },
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const v = (y + 0.5) / height;
      const i = y * width + x;
      const d = ((u - 0.5) / 0.46) ** 2 + ((v - 0.5) / 0.44) ** 2;
      if (d > 1) continue; // air
      pixels[i] = d > 0.8 ? 1 : 0.1; // rim (background), body (background)
      for (const o of organs) {
        if (omit.includes(o.id)) continue;
        if ((((u - o.cx) * width) / height) ** 2 + (v - o.cy) ** 2 <= o.r ** 2 * (width / height) ** 0) {
          pixels[i] = o.value;
          labels[i] = o.id;
        }
      }
    }
  }
  const slice: Slice = { width, height, pixels, pixelSpacingMm: [1, 1] };
  return { slice, labels };
}

function mask(labels: Uint8Array, id: number): Uint8Array {
  return labels.map((v) => (v === id ? 1 : 0));
}

describe('segmenter: the ONNX contract and post-processing', () => {
  let oracle: Segmenter;
  beforeAll(async () => {
    oracle = await createSegmenter({ modelPath: fixture('oracle-organ-seg.onnx') });
  });
  afterAll(async () => {
    await oracle.close();
  });

  it('finds each organ exactly on a 256×256 slice (no resampling)', async () => {
    const { slice, labels } = oracleSlice(256, 256);
    const [result] = await oracle.segmentSlices([slice]);
    if (!result) throw new Error('no result');
    expect([result.width, result.height]).toEqual([256, 256]);
    for (const id of [1, 2, 3, 9, 13]) {
      expect(dice(mask(result.labels, id), mask(labels, id))).toBeGreaterThan(0.99);
      const finding = result.findings.find((f) => f.id === id);
      expect(finding?.present).toBe(true);
      expect(finding?.confidence).toBeGreaterThan(0.9);
    }
    expect(result.findings.filter((f) => f.present).map((f) => f.id)).toEqual([1, 2, 3, 9, 13]);
  });

  it('maps results back onto non-square and larger slices (letterbox round trip)', async () => {
    for (const [w, h] of [
      [400, 240],
      [180, 300],
      [512, 512],
    ] as const) {
      const { slice, labels } = oracleSlice(w, h);
      const [result] = await oracle.segmentSlices([slice]);
      if (!result) throw new Error('no result');
      expect(result.labels.length).toBe(w * h);
      for (const id of [1, 2, 3, 13]) {
        expect(dice(mask(result.labels, id), mask(labels, id))).toBeGreaterThan(0.9);
      }
      const liver = result.findings.find((f) => f.id === 1);
      const [x1, , x2] = liver?.bbox ?? [0, 0, 0, 0];
      expect((x1 + x2) / 2 / w).toBeCloseTo(0.3, 1); // the liver stays on image left
    }
  });

  it('reports an absent organ as not present and paints nothing for it', async () => {
    const { slice } = oracleSlice(256, 256, [9]);
    const [result] = await oracle.segmentSlices([slice]);
    const gallbladder = result?.findings.find((f) => f.id === 9);
    expect(gallbladder).toMatchObject({ present: false, areaPx: 0, bbox: null });
    expect(result?.labels.includes(9)).toBe(false);
  });

  it('drops specks below the calibrated area and keeps only the largest part of a solid organ', async () => {
    const { slice, labels } = oracleSlice(256, 256, [9]);
    // a 3×3 speck of spleen intensity far from the spleen, and a 4×4 speck of gallbladder intensity
    for (let y = 200; y < 203; y++) for (let x = 120; x < 123; x++) slice.pixels[y * 256 + x] = 0.3;
    for (let y = 40; y < 44; y++) for (let x = 120; x < 124; x++) slice.pixels[y * 256 + x] = 0.6;
    const [result] = await oracle.segmentSlices([slice]);
    if (!result) throw new Error('no result');
    expect(dice(mask(result.labels, 3), mask(labels, 3))).toBeGreaterThan(0.99);
    expect(result.findings.find((f) => f.id === 9)?.present).toBe(false); // 16 px < 20 px minimum
  });

  it('segments a batch of slices in one call, in order', async () => {
    const a = oracleSlice(256, 256);
    const b = oracleSlice(256, 256, [1]);
    const results = await oracle.segmentSlices([a.slice, b.slice, a.slice]);
    expect(results.map((r) => r.findings.find((f) => f.id === 1)?.present)).toEqual([true, false, true]);
  });

  it("reads a volume's slices together: a blob touching nothing in 3D goes, the organ stays", async () => {
    // Five slices with the liver; on the fifth, also a liver-bright square in mid-abdomen, large
    // enough to stay on that slice alone (a big second part of a liver) but touching no liver in 3D.
    const slices = Array.from({ length: 5 }, () => oracleSlice(256, 256, [9]));
    const stray = slices[4] as (typeof slices)[number];
    for (let y = 140; y < 170; y++) for (let x = 115; x < 145; x++) stray.slice.pixels[y * 256 + x] = 0.2;
    const alone = await oracle.segmentSlices(slices.map((s) => s.slice));
    const together = await oracle.segmentVolume(slices.map((s) => s.slice));
    const liverArea = (r: (typeof alone)[number] | undefined) => r?.findings.find((f) => f.id === 1)?.areaPx;
    expect(liverArea(alone[4])).toBeGreaterThan((liverArea(alone[0]) as number) + 800);
    for (const [k, result] of together.entries()) {
      // Every slice: the real liver only, exactly as drawn, and every other organ as it was.
      expect(
        dice(mask(result.labels, 1), mask((slices[k] as (typeof slices)[number]).labels, 1)),
      ).toBeGreaterThan(0.99);
      expect(liverArea(result)).toBe(liverArea(alone[0]));
      for (const id of [2, 3, 13]) {
        expect(result.findings.find((f) => f.id === id)).toEqual(alone[k]?.findings.find((f) => f.id === id));
      }
    }
  });

  it('a one-slice volume reads as that slice alone', async () => {
    const { slice } = oracleSlice(200, 160);
    expect(await oracle.segmentVolume([slice])).toEqual(await oracle.segmentSlices([slice]));
  });

  it('the shipped-contract fixture model loads and returns a label per pixel', async () => {
    const tiny = await createSegmenter({ modelPath: fixture('tiny-organ-seg.onnx') });
    const { slice } = oracleSlice(300, 200);
    const [result] = await tiny.segmentSlices([slice]);
    expect(result?.labels.length).toBe(300 * 200);
    expect(result?.findings.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    for (const v of result?.labels ?? []) expect(v).toBeLessThanOrEqual(13);
    await tiny.close();
  });

  it('a missing or corrupt model file gives a coded error', async () => {
    await expect(createSegmenter({ modelPath: '/nonexistent/model.onnx' })).rejects.toMatchObject({
      code: ErrorCode.ModelUnavailable,
    });
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'organ-seg-model-'));
    writeFileSync(join(dir, 'broken.onnx'), 'not an onnx model');
    copyFileSync(fixture('tiny-organ-seg.json'), join(dir, 'broken.json'));
    await expect(createSegmenter({ modelPath: join(dir, 'broken.onnx') })).rejects.toMatchObject({
      code: ErrorCode.ModelInvalid,
    });
  });
});
