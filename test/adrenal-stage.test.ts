import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  aortaCentre,
  createAdrenalStage,
  type StagePlane,
  sampleWindow,
} from '../src/pipeline/adrenal-stage.js';
import { createSegmenter } from '../src/pipeline/segment.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/models/${name}`, import.meta.url));
const GRID = 256;

function fill(
  plane: Uint8Array | Float32Array,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  value: number,
) {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) plane[y * GRID + x] = value;
}

function count(labels: Uint8Array, id: number, x0 = 0, y0 = 0, x1 = GRID - 1, y1 = GRID - 1): number {
  let n = 0;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) n += labels[y * GRID + x] === id ? 1 : 0;
  return n;
}

/** A first-stage result: an aorta block, a left kidney, and image bands the oracle reads. */
function plane(withAorta = true): StagePlane {
  const labels = new Uint8Array(GRID * GRID);
  const input = new Float32Array(GRID * GRID);
  // aorta centred at (127.5, 139.5): the window then lies on whole pixels, so bands keep their edges
  if (withAorta) fill(labels, 124, 136, 131, 143, 5);
  fill(labels, 145, 125, 170, 150, 13); // left kidney (context)
  fill(input, 100, 130, 105, 135, 0.7); // right adrenal band, inside the window
  fill(input, 150, 130, 155, 135, 0.8); // left adrenal band on the left kidney
  fill(input, 110, 160, 114, 164, 0.8); // the same band without the kidney context: not a gland
  fill(input, 10, 10, 15, 15, 0.7); // far outside the window
  return { labels, input, probability: new Float32Array(GRID * GRID).fill(0.9) };
}

describe('adrenal second stage: window geometry', () => {
  it('centres the window on the largest piece of the aorta', () => {
    const labels = new Uint8Array(GRID * GRID);
    fill(labels, 10, 10, 12, 12, 5); // a stray 9-pixel piece
    fill(labels, 120, 130, 129, 139, 5); // the aorta, centroid (124.5, 134.5)
    expect(aortaCentre(labels, GRID)).toEqual([124.5, 134.5]);
    expect(aortaCentre(new Uint8Array(GRID * GRID), GRID)).toBeUndefined();
  });

  it('samples the window as grid_sample does in training (bilinear, zeros outside)', () => {
    const p = new Float32Array(GRID * GRID);
    for (let y = 0; y < GRID; y++) for (let x = 0; x < GRID; x++) p[y * GRID + x] = x + 1000 * y;
    const out = new Float32Array(96 * 96);
    sampleWindow(p, GRID, [100, 60], 96, out);
    // window pixel (0, 0) reads the plane at (100 − 48 + 0.5, 60 − 48 + 0.5)
    expect(out[0]).toBeCloseTo(52.5 + 1000 * 12.5, 3);
    expect(out[95 * 96 + 95]).toBeCloseTo(147.5 + 1000 * 107.5, 3);
    sampleWindow(p, GRID, [5, 5], 96, out);
    expect(out[0]).toBe(0); // above and left of the plane
  });
});

describe('adrenal second stage: a hand-set model with the real contract', () => {
  it('draws the glands the model finds inside the window, reading the context masks, and nothing else', async () => {
    const stage = await createAdrenalStage(fixture('oracle-adrenal.onnx'));
    const p = plane();
    await stage.apply([p], GRID);
    expect(count(p.labels, 7, 100, 130, 105, 135)).toBe(36);
    expect(count(p.labels, 8, 150, 130, 155, 135)).toBe(36);
    expect(count(p.labels, 7)).toBe(36);
    expect(count(p.labels, 8)).toBe(36);
    // Outside the glands the first stage's labels stay: the kidney keeps its other pixels.
    expect(count(p.labels, 13)).toBe(26 * 26 - 36);
    expect(count(p.labels, 5)).toBe(64);
    expect(p.probability[132 * GRID + 102]).toBeGreaterThan(0.9);
    await stage.close();
  });

  it('draws only the glands its sidecar trusts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adrenal-'));
    copyFileSync(fixture('oracle-adrenal.onnx'), join(dir, 'right-only.onnx'));
    const sidecar = JSON.parse(readFileSync(fixture('oracle-adrenal.json'), 'utf8'));
    writeFileSync(join(dir, 'right-only.json'), JSON.stringify({ ...sidecar, draw: [7] }));
    const stage = await createAdrenalStage(join(dir, 'right-only.onnx'));
    const p = plane();
    p.labels[0] = 8; // a left-gland pixel of the first stage stays: this stage does not draw that gland
    await stage.apply([p], GRID);
    expect(count(p.labels, 7)).toBe(36);
    expect(count(p.labels, 8)).toBe(1);
    expect(count(p.labels, 13)).toBe(26 * 26);
    await stage.close();
  });

  it('leaves a slice without an aorta alone and refuses another input grid', async () => {
    const stage = await createAdrenalStage(fixture('oracle-adrenal.onnx'));
    const p = plane(false);
    const before = p.labels.slice();
    await stage.apply([p], GRID);
    expect(p.labels).toEqual(before);
    await expect(stage.apply([plane()], 128)).rejects.toMatchObject({ code: 'model_invalid' });
    await stage.close();
  });

  it('runs inside the segmenter and gives results another version, so older cached ones are not reused', async () => {
    const plain = await createSegmenter({ modelPath: fixture('tiny-organ-seg.onnx') });
    const staged = await createSegmenter({
      modelPath: fixture('tiny-organ-seg.onnx'),
      adrenalModelPath: fixture('oracle-adrenal.onnx'),
    });
    expect(staged.version).toBe(`${plain.version}+adrenal-0.0.0-oracle`);
    const pixels = new Float32Array(64 * 64).map((_, i) => (i % 64) / 64);
    const [result] = await staged.segmentSlices([{ width: 64, height: 64, pixels }]);
    expect(result?.modelVersion).toBe(staged.version);
    expect(result?.findings).toHaveLength(13);
    await plain.close();
    await staged.close();
  });

  it('refuses a sidecar that is not JSON or does not match the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adrenal-'));
    copyFileSync(fixture('oracle-adrenal.onnx'), join(dir, 'bad.onnx'));
    writeFileSync(join(dir, 'bad.json'), '{"version": ');
    await expect(createAdrenalStage(join(dir, 'bad.onnx'))).rejects.toThrow(/not valid JSON/);
    const sidecar = JSON.parse(readFileSync(fixture('oracle-adrenal.json'), 'utf8'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...sidecar, contextOrganIds: [2] }));
    await expect(createAdrenalStage(join(dir, 'bad.onnx'))).rejects.toMatchObject({ code: 'model_invalid' });
  });

  it('says clearly when the adrenal model file is missing', async () => {
    await expect(createAdrenalStage('/nonexistent/adrenal.onnx')).rejects.toMatchObject({
      code: 'model_unavailable',
    });
  });
});
