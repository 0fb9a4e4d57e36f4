/**
 * Runs the 13-organ segmentation model (ONNX, see models/README.md for the contract) on display
 * slices: one onnxruntime session per process, batched slices, softmax + argmax, per-organ cleanup,
 * and a calibrated presence decision so an organ the model barely sees is reported as not visible.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { ErrorCode, ServiceError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { type AdrenalStage, createAdrenalStage, readAdrenalSidecar } from './adrenal-stage.js';
import type { Slice } from './decode/types.js';
import { boundingBox, fillHoles, keepLargestComponents } from './masks.js';
import { ORGAN_IDS, type OrganId } from './organs.js';
import {
  letterbox,
  letterboxFor,
  normaliseSlice,
  type PreprocessSpec,
  unletterboxLabels,
} from './preprocess.js';
import { readModelSidecar } from './sidecar.js';
import { consistentAcrossSlices } from './volume.js';

const sidecarSchema = z.object({
  version: z.string(),
  input: z.object({ name: z.string(), shape: z.array(z.number().nullable()).length(4) }),
  output: z.object({ name: z.string(), shape: z.array(z.number().nullable()).length(4) }),
  preprocessing: z.object({
    normalisation: z.object({ kind: z.literal('percentile'), low: z.number(), high: z.number() }),
    letterbox: z.object({ size: z.number().int().positive() }),
  }),
  presence: z
    .object({
      minAreaPx: z.record(z.string(), z.number()).optional(),
      minMeanProb: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
  /** Second stages shipped with the model, paths relative to the model file (adrenal-stage.ts). */
  stages: z.object({ adrenal: z.string().optional() }).optional(),
});

export type ModelSidecar = z.infer<typeof sidecarSchema>;

export interface OrganFinding {
  id: OrganId;
  /** The presence decision: false when the organ is absent or below the calibrated area/confidence. */
  present: boolean;
  /** Pixels of the organ's mask on the slice's own grid (0 when not present). */
  areaPx: number;
  /** Inclusive [x1, y1, x2, y2] box on the slice grid, null when not present. */
  bbox: [number, number, number, number] | null;
  /** Mean softmax probability inside the organ's predicted region (0 when nothing was predicted). */
  confidence: number;
}

/** The model's reading of one display slice. */
export interface SliceSegmentation {
  width: number;
  height: number;
  /** Organ id per pixel on the slice grid (0 = background); only organs judged present are kept. */
  labels: Uint8Array;
  /** One entry per organ id 1..13, in id order. */
  findings: OrganFinding[];
  modelVersion: string;
}

export interface SegmenterOptions {
  /** Path to the ONNX model; its JSON sidecar is the same path with `.json`. */
  modelPath: string;
  /** `cuda` needs the CUDA build of onnxruntime-node; falls back to CPU with a log line. Default `cpu`. */
  executionProvider?: 'cpu' | 'cuda';
  /** Intra-op threads; 0 lets onnxruntime choose (default). */
  threads?: number;
  /** Slices per model call for volumes (default 8). */
  batchSize?: number;
  /**
   * The adrenal second stage: a path to its ONNX, `false` to leave it out, or undefined for the
   * one the model's sidecar names (`stages.adrenal`), if any.
   */
  adrenalModelPath?: string | false;
  logger?: Logger;
}

/** Organs whose cross-section can fall into several pieces (lobes, loops): keep big secondary parts. */
const MULTI_PART_FRACTION: Partial<Record<OrganId, number>> = { 1: 0.15, 4: 0.25, 11: 0.2, 12: 0.2 };
const DEFAULT_MIN_AREA_PX = 12;
const DEFAULT_MIN_MEAN_PROB = 0.5;

export interface Segmenter {
  readonly version: string;
  readonly sidecar: ModelSidecar;
  /** Each slice on its own. */
  segmentSlices(slices: Slice[]): Promise<SliceSegmentation[]>;
  /**
   * The slices of one volume, in order: each as `segmentSlices` reads it, then every organ reduced
   * to its largest 3D pieces across the slices (volume.ts), so blobs that touch nothing go.
   */
  segmentVolume(
    slices: Slice[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<SliceSegmentation[]>;
  close(): Promise<void>;
}

export function readSidecar(modelPath: string): ModelSidecar {
  return readModelSidecar(modelPath, sidecarSchema, 'segmentation model');
}

/** The adrenal stage's ONNX path: the option when given (`false`: none), else the sidecar's `stages.adrenal`. */
function adrenalStagePath(
  modelPath: string,
  sidecar: ModelSidecar,
  option: string | false | undefined,
): string | undefined {
  if (option === false) return undefined;
  if (option) return option;
  return sidecar.stages?.adrenal ? join(dirname(modelPath), sidecar.stages.adrenal) : undefined;
}

/**
 * The version results are cached under, from the sidecars alone (a bot in queue mode needs no
 * model): the model's, plus the adrenal stage's when one is used.
 */
export function segmentationVersion(modelPath: string, adrenalModelPath?: string | false): string {
  const sidecar = readSidecar(modelPath);
  const adrenal = adrenalStagePath(modelPath, sidecar, adrenalModelPath);
  return adrenal ? `${sidecar.version}+adrenal-${readAdrenalSidecar(adrenal).version}` : sidecar.version;
}

export async function createSegmenter(options: SegmenterOptions): Promise<Segmenter> {
  const logger = options.logger ?? silentLogger;
  if (!existsSync(options.modelPath)) {
    throw new ServiceError(
      ErrorCode.ModelUnavailable,
      'The segmentation model is not installed, so organs cannot be outlined yet.',
      { detail: `missing ${options.modelPath}` },
    );
  }
  const sidecar = readSidecar(options.modelPath);
  const providers: string[] = [];
  if (options.executionProvider === 'cuda') providers.push('cuda');
  providers.push('cpu');
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(options.modelPath, {
      executionProviders: providers,
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.threads ?? 0,
    });
  } catch (error) {
    if (options.executionProvider === 'cuda') {
      logger.warn({ err: error }, 'CUDA execution provider unavailable; falling back to CPU');
      session = await ort.InferenceSession.create(options.modelPath, { executionProviders: ['cpu'] });
    } else {
      throw new ServiceError(
        ErrorCode.ModelInvalid,
        'The segmentation model file could not be loaded (damaged or not ONNX).',
        {
          cause: error,
          detail: error instanceof Error ? error.message : undefined,
        },
      );
    }
  }
  if (
    !session.inputNames.includes(sidecar.input.name) ||
    !session.outputNames.includes(sidecar.output.name)
  ) {
    throw new ServiceError(
      ErrorCode.ModelInvalid,
      'The segmentation model does not match its sidecar (input/output names).',
      {
        detail: `inputs ${session.inputNames.join(',')} outputs ${session.outputNames.join(',')}`,
      },
    );
  }
  const size = sidecar.preprocessing.letterbox.size;
  const spec: PreprocessSpec = {
    size,
    lowPercentile: sidecar.preprocessing.normalisation.low,
    highPercentile: sidecar.preprocessing.normalisation.high,
  };
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const adrenalPath = adrenalStagePath(options.modelPath, sidecar, options.adrenalModelPath);
  const adrenal: AdrenalStage | undefined = adrenalPath
    ? await createAdrenalStage(adrenalPath, { threads: options.threads })
    : undefined;
  // The adrenal stage's own presence thresholds win for the glands it draws.
  const presence = (key: 'minAreaPx' | 'minMeanProb', id: OrganId) =>
    (adrenal && (id === 7 || id === 8) ? adrenal.sidecar.presence?.[key]?.[String(id)] : undefined) ??
    sidecar.presence?.[key]?.[String(id)];
  const minArea = (id: OrganId) => presence('minAreaPx', id) ?? DEFAULT_MIN_AREA_PX;
  const minProb = (id: OrganId) => presence('minMeanProb', id) ?? DEFAULT_MIN_MEAN_PROB;
  // Results of another model (or of this one without its second stage) are never reused.
  const version = adrenal ? `${sidecar.version}+adrenal-${adrenal.version}` : sidecar.version;
  logger.info({ model: options.modelPath, version }, 'segmentation model loaded');

  async function runBatch(slices: Slice[]): Promise<SliceSegmentation[]> {
    const plane = size * size;
    const input = new Float32Array(slices.length * plane);
    const boxes = slices.map((slice, b) => {
      const box = letterboxFor(slice.width, slice.height, size);
      letterbox(
        normaliseSlice(slice, spec),
        slice.width,
        slice.height,
        box,
        input.subarray(b * plane, (b + 1) * plane),
      );
      return box;
    });
    let outputs: ort.InferenceSession.OnnxValueMapType;
    try {
      outputs = await session.run({
        [sidecar.input.name]: new ort.Tensor('float32', input, [slices.length, 1, size, size]),
      });
    } catch (error) {
      throw new ServiceError(ErrorCode.ModelInvalid, 'The segmentation model failed on this image.', {
        cause: error,
        detail: error instanceof Error ? error.message : undefined,
      });
    }
    const logits = outputs[sidecar.output.name] as ort.Tensor;
    const classes = logits.dims[1] ?? 0;
    if (logits.dims.length !== 4 || classes !== 14 || logits.dims[2] !== size || logits.dims[3] !== size) {
      throw new ServiceError(
        ErrorCode.ModelInvalid,
        'The segmentation model returned an unexpected output shape.',
        {
          detail: `dims ${logits.dims.join('×')}`,
        },
      );
    }
    const data = logits.data as Float32Array;
    const maps = slices.map((_slice, b) => ({
      input: input.subarray(b * plane, (b + 1) * plane),
      ...argmaxSoftmax(data.subarray(b * classes * plane, (b + 1) * classes * plane), classes, plane),
    }));
    if (adrenal) await adrenal.apply(maps, size);
    return slices.map((slice, b) => {
      const { labels, probability } = maps[b] as (typeof maps)[number];
      return finalise(slice, labels, probability, boxes[b] as ReturnType<typeof letterboxFor>);
    });
  }

  function finalise(
    slice: Slice,
    labels: Uint8Array,
    probability: Float32Array,
    letterboxBox: ReturnType<typeof letterboxFor>,
  ): SliceSegmentation {
    const cleaned = new Uint8Array(labels.length);
    const kept: { id: OrganId; confidence: number }[] = [];
    const absent: { id: OrganId; confidence: number }[] = [];
    // One pass for every organ's pixel count, probability sum and box; cleanup then works on each
    // organ's box only, which keeps post-processing to a few milliseconds per slice.
    const count = new Array<number>(14).fill(0);
    const probSum = new Array<number>(14).fill(0);
    const box = Array.from({ length: 14 }, () => [size, size, -1, -1] as [number, number, number, number]);
    for (let i = 0; i < labels.length; i++) {
      const id = labels[i] as number;
      if (id === 0) continue;
      count[id] = (count[id] as number) + 1;
      probSum[id] = (probSum[id] as number) + (probability[i] as number);
      const x = i % size;
      const y = (i - x) / size;
      const b = box[id] as [number, number, number, number];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
    for (const id of ORGAN_IDS) {
      const n = count[id] as number;
      const confidence = n > 0 ? (probSum[id] as number) / n : 0;
      if (n === 0) {
        absent.push({ id, confidence });
        continue;
      }
      // Crop with a one-pixel margin so hole filling sees the organ's outside.
      const [bx1, by1, bx2, by2] = box[id] as [number, number, number, number];
      const x0 = Math.max(0, bx1 - 1);
      const y0 = Math.max(0, by1 - 1);
      const cw = Math.min(size - 1, bx2 + 1) - x0 + 1;
      const ch = Math.min(size - 1, by2 + 1) - y0 + 1;
      let crop: Uint8Array = new Uint8Array(cw * ch);
      for (let y = 0; y < ch; y++) {
        for (let x = 0; x < cw; x++) crop[y * cw + x] = labels[(y + y0) * size + x + x0] === id ? 1 : 0;
      }
      crop = fillHoles(keepLargestComponents(crop, cw, MULTI_PART_FRACTION[id] ?? 0), cw, ch);
      let area = 0;
      for (let i = 0; i < crop.length; i++) area += crop[i] as number;
      if (area < minArea(id) || confidence < minProb(id)) {
        absent.push({ id, confidence });
        continue;
      }
      for (let y = 0; y < ch; y++) {
        for (let x = 0; x < cw; x++) {
          const target = (y + y0) * size + x + x0;
          if (crop[y * cw + x] && cleaned[target] === 0) cleaned[target] = id;
        }
      }
      kept.push({ id, confidence });
    }
    const full = unletterboxLabels(cleaned, letterboxBox);
    const areas = new Array<number>(14).fill(0);
    for (let i = 0; i < full.length; i++) areas[full[i] as number]++;
    const findings: OrganFinding[] = ORGAN_IDS.map((id) => {
      const hit = kept.find((k) => k.id === id);
      const areaPx = areas[id] as number;
      if (!hit || areaPx === 0) {
        const miss = absent.find((a) => a.id === id);
        return {
          id,
          present: false,
          areaPx: 0,
          bbox: null,
          confidence: round3(miss?.confidence ?? hit?.confidence ?? 0),
        };
      }
      return {
        id,
        present: true,
        areaPx,
        bbox: boundingBox(full, slice.width, id),
        confidence: round3(hit.confidence),
      };
    });
    return {
      width: slice.width,
      height: slice.height,
      labels: full,
      findings,
      modelVersion: version,
    };
  }

  return {
    version,
    sidecar,
    async segmentSlices(slices) {
      const results: SliceSegmentation[] = [];
      for (let start = 0; start < slices.length; start += batchSize) {
        results.push(...(await runBatch(slices.slice(start, start + batchSize))));
      }
      return results;
    },
    async segmentVolume(slices, onProgress) {
      const results: SliceSegmentation[] = [];
      for (let start = 0; start < slices.length; start += batchSize) {
        results.push(...(await runBatch(slices.slice(start, start + batchSize))));
        onProgress?.(results.length, slices.length);
      }
      return consistentAcrossSlices(results);
    },
    async close() {
      await session.release();
      await adrenal?.close();
    },
  };
}

/**
 * Per pixel: the winning class and its softmax probability, from NCHW logits of one image. The
 * probability is only needed inside organs (for confidence), so background pixels skip the exps.
 */
export function argmaxSoftmax(
  logits: Float32Array,
  classes: number,
  plane: number,
): { labels: Uint8Array; probability: Float32Array } {
  const labels = new Uint8Array(plane);
  const probability = new Float32Array(plane);
  for (let p = 0; p < plane; p++) {
    let best = 0;
    let max = logits[p] as number;
    for (let c = 1; c < classes; c++) {
      const v = logits[c * plane + p] as number;
      if (v > max) {
        max = v;
        best = c;
      }
    }
    labels[p] = best;
    if (best === 0) continue;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp((logits[c * plane + p] as number) - max);
    probability[p] = 1 / sum;
  }
  return { labels, probability };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
