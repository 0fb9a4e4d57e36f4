/**
 * Optional MedSAM/LiteMedSAM-style refiner: a box-prompted image encoder + mask decoder ONNX pair
 * that redraws one organ's mask from the box of the coarse mask (the paper's segmentation stage).
 *
 * Contract (MedSAM's): encoder `image` float32 [1,3,1024,1024] (the slice resized to 1024², values
 * 0..1 repeated on three channels) → `image_embeddings` [1,256,64,64]; decoder `image_embeddings` +
 * `boxes` float32 [1,1,4] (x1,y1,x2,y2 in 1024-pixel coordinates) → `low_res_masks` [1,1,256,256]
 * logits. Embeddings are cached per slice, so refining several organs of one slice encodes it once.
 */
import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { ErrorCode, InputError, ServiceError } from '../errors.js';
import type { Slice } from './decode/types.js';
import { resizeBilinear } from './resample.js';
import type { SliceSegmentation } from './segment.js';

const ENCODER_SIZE = 1024;
const MASK_SIZE = 256;

export interface RefinerOptions {
  encoderPath: string;
  decoderPath: string;
  /** Slices whose embeddings are kept (default 4). */
  cacheSize?: number;
}

export interface Refiner {
  /** A 0/1 mask on the slice grid for the object in `box` ([x1, y1, x2, y2] on the slice grid, inclusive). */
  refine(slice: Slice, box: [number, number, number, number], cacheKey?: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

async function load(path: string, role: string): Promise<ort.InferenceSession> {
  if (!existsSync(path)) {
    throw new ServiceError(ErrorCode.ModelUnavailable, `The refiner ${role} model is missing.`, {
      detail: path,
    });
  }
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new ServiceError(ErrorCode.ModelInvalid, `The refiner ${role} model could not be loaded.`, {
      cause: error,
      detail: path,
    });
  }
}

function requireNames(
  session: ort.InferenceSession,
  role: string,
  inputs: string[],
  outputs: string[],
): void {
  const ok =
    inputs.every((n) => session.inputNames.includes(n)) &&
    outputs.every((n) => session.outputNames.includes(n));
  if (!ok) {
    throw new ServiceError(
      ErrorCode.ModelInvalid,
      `The refiner ${role} model does not have MedSAM's inputs and outputs.`,
      {
        detail: `inputs ${session.inputNames.join(',')} outputs ${session.outputNames.join(',')}`,
      },
    );
  }
}

export async function createRefiner(options: RefinerOptions): Promise<Refiner> {
  const encoder = await load(options.encoderPath, 'encoder');
  const decoder = await load(options.decoderPath, 'decoder');
  requireNames(encoder, 'encoder', ['image'], ['image_embeddings']);
  requireNames(decoder, 'decoder', ['image_embeddings', 'boxes'], ['low_res_masks']);
  const cache = new Map<string, ort.Tensor>();
  const cacheSize = options.cacheSize ?? 4;

  async function embed(slice: Slice, cacheKey?: string): Promise<ort.Tensor> {
    const hit = cacheKey ? cache.get(cacheKey) : undefined;
    if (hit) return hit;
    const resized = resizeBilinear(slice.pixels, slice.width, slice.height, ENCODER_SIZE, ENCODER_SIZE);
    const input = new Float32Array(3 * ENCODER_SIZE * ENCODER_SIZE);
    for (let c = 0; c < 3; c++) input.set(resized, c * ENCODER_SIZE * ENCODER_SIZE);
    const out = await encoder.run({
      image: new ort.Tensor('float32', input, [1, 3, ENCODER_SIZE, ENCODER_SIZE]),
    });
    const embeddings = out.image_embeddings as ort.Tensor;
    if (cacheKey) {
      cache.set(cacheKey, embeddings);
      while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    return embeddings;
  }

  return {
    async refine(slice, box, cacheKey) {
      const [x1, y1, x2, y2] = box;
      if (!(x1 <= x2 && y1 <= y2 && x1 >= 0 && y1 >= 0 && x2 < slice.width && y2 < slice.height)) {
        throw new InputError(ErrorCode.InputCorrupt, 'The box to refine lies outside the slice.');
      }
      const embeddings = await embed(slice, cacheKey);
      const sx = ENCODER_SIZE / slice.width;
      const sy = ENCODER_SIZE / slice.height;
      const boxes = new Float32Array([x1 * sx, y1 * sy, (x2 + 1) * sx, (y2 + 1) * sy]);
      const out = await decoder.run({
        image_embeddings: embeddings,
        boxes: new ort.Tensor('float32', boxes, [1, 1, 4]),
      });
      const logits = out.low_res_masks as ort.Tensor;
      if (logits.dims.join('x') !== `1x1x${MASK_SIZE}x${MASK_SIZE}`) {
        throw new ServiceError(
          ErrorCode.ModelInvalid,
          'The refiner decoder returned an unexpected mask shape.',
          {
            detail: logits.dims.join('×'),
          },
        );
      }
      // Logits are resized before thresholding (as MedSAM does) for smooth edges at full size.
      const full = resizeBilinear(
        logits.data as Float32Array,
        MASK_SIZE,
        MASK_SIZE,
        slice.width,
        slice.height,
      );
      const mask = new Uint8Array(full.length);
      for (let i = 0; i < full.length; i++) mask[i] = (full[i] as number) > 0 ? 1 : 0;
      return mask;
    },
    async close() {
      cache.clear();
      await encoder.release();
      await decoder.release();
    },
  };
}

/** Added to the model version of refined results, so they are cached apart from coarse ones. */
export const REFINED_SUFFIX = '+refined';

/**
 * Redraws every present organ of `seg` from the box of its coarse mask. A refined mask never takes
 * pixels of another organ, and an organ whose refined mask comes back empty keeps its coarse mask
 * (a box prompt on a tiny organ can miss). Areas and boxes are recomputed; confidences and presence
 * decisions stay those of the segmentation model.
 */
export async function refineSegmentation(
  refiner: Refiner,
  slice: Slice,
  seg: SliceSegmentation,
  cacheKey?: string,
): Promise<SliceSegmentation> {
  const labels = Uint8Array.from(seg.labels);
  const findings = seg.findings.map((f) => ({ ...f }));
  for (const finding of findings) {
    if (!finding.present || !finding.bbox) continue;
    const mask = await refiner.refine(slice, finding.bbox, cacheKey);
    const id = finding.id;
    let area = 0;
    for (let i = 0; i < labels.length; i++) {
      if (mask[i] && (labels[i] === 0 || labels[i] === id)) area++;
    }
    if (area === 0) continue;
    let [x1, y1, x2, y2] = [seg.width, seg.height, -1, -1];
    for (let i = 0; i < labels.length; i++) {
      const mine = mask[i] === 1 && (labels[i] === 0 || labels[i] === id);
      if (labels[i] === id && !mine) labels[i] = 0;
      if (!mine) continue;
      labels[i] = id;
      const x = i % seg.width;
      const y = (i - x) / seg.width;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
    }
    finding.areaPx = area;
    finding.bbox = [x1, y1, x2, y2];
  }
  return { ...seg, labels, findings, modelVersion: `${seg.modelVersion}${REFINED_SUFFIX}` };
}
