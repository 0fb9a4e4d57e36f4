/**
 * The shipped model on real held-out patients from ../shared/data (never copied into the repo):
 * CHAOS MR patients 21, 22, 31, 32, 33 were not used for training (training/splits.py). Skips with
 * a message where the data or the model is absent (a user's clone); CI has both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { extractDisplaySlice } from '../src/pipeline/decode/geometry.js';
import { decodeBytes } from '../src/pipeline/decode/index.js';
import { readNifti } from '../src/pipeline/decode/nifti.js';
import { evaluateSegmentation, LABEL_SCHEMES } from '../src/pipeline/evaluate.js';
import { createSegmenter, type Segmenter } from '../src/pipeline/segment.js';

const DATA = fileURLToPath(new URL('../../shared/data/chaos-t2/', import.meta.url));
const MODEL = fileURLToPath(new URL('../models/organ-seg-v5.onnx', import.meta.url));
const available = existsSync(DATA) && existsSync(MODEL);
if (!available) console.warn(`real-data model tests skipped: ${DATA} or ${MODEL} not found (CI has both)`);

const HELD_OUT = [21, 22, 31, 32, 33];
const ORGANS = [1, 2, 3, 13] as const; // liver, right kidney, spleen, left kidney: CHAOS labels

describe.skipIf(!available)('shipped model on held-out CHAOS MR patients', () => {
  let segmenter: Segmenter;
  beforeAll(async () => {
    segmenter = await createSegmenter({ modelPath: MODEL });
  });
  afterAll(async () => {
    await segmenter?.close();
  });

  it('mean volume Dice over liver, kidneys and spleen stays at the level the model card reports', async () => {
    const pairs = HELD_OUT.map((p) => ({
      image: `${DATA}image_${p}.nii.gz`,
      labels: `${DATA}label_${p}.nii.gz`,
      scheme: 'chaos',
    }));
    const result = await evaluateSegmentation(pairs, segmenter, {
      limits: { ...DEFAULT_INPUT_LIMITS },
      organs: [...ORGANS],
    });
    console.log(
      `held-out CHAOS 3D Dice: ${result.organs.map((o) => `${o.id}:${o.dice3d?.toFixed(3)}`).join(' ')} mean ${result.mean3d?.toFixed(3)}`,
    );
    // The card reports the app-pipeline figure for v2; the issue's bar is 0.85. A regression below it fails.
    expect(result.mean3d).toBeGreaterThanOrEqual(0.85);
    for (const organ of result.organs) expect(organ.dice3d, `organ ${organ.id}`).toBeGreaterThan(0.75);
  });

  it('works on 8-bit screenshots of the same slices (PNG round trip)', async () => {
    const sharp = (await import('sharp')).default;
    const labels = readNifti(readFileSync(`${DATA}label_33.nii.gz`), DEFAULT_INPUT_LIMITS);
    const image = await decodeBytes(readFileSync(`${DATA}image_33.nii.gz`), DEFAULT_INPUT_LIMITS);
    let inter = 0;
    let total = 0;
    for (let k = 0; k < image.sliceCount; k += 2) {
      const slice = image.slice(k);
      const png = await sharp(Buffer.from(Uint8Array.from(slice.pixels, (v) => Math.round(v * 255))), {
        raw: { width: slice.width, height: slice.height, channels: 1 },
      })
        .png()
        .toBuffer();
      const screenshot = (await decodeBytes(png, DEFAULT_INPUT_LIMITS)).slice(0);
      const [seg] = await segmenter.segmentSlices([screenshot]);
      const truth = extractDisplaySlice(labels.data, labels.geometry, k).data;
      for (let i = 0; i < truth.length; i++) {
        const t: number = LABEL_SCHEMES.chaos?.[Math.round(truth[i] as number)] ?? 0;
        const p = seg?.labels[i] ?? 0;
        if (t !== 0 && t === p) inter += 2;
        if (t !== 0) total++;
        if (p !== 0 && (ORGANS as readonly number[]).includes(p)) total++;
      }
    }
    const diceAll = inter / total;
    console.log(`patient 33, 8-bit PNG screenshots: pooled Dice over the 4 organs ${diceAll.toFixed(3)}`);
    expect(diceAll).toBeGreaterThan(0.75);
  });
});
