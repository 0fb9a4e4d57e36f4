/**
 * Second stage for the adrenal glands: the 13-organ model never finds them (they are a few pixels
 * wide at its logit grid), so a small full-resolution model looks again at a window centred on the
 * aorta, where both glands lie, and its right/left adrenal pixels replace the first stage's labels
 * there. Trained by `training/adrenal.py`; the contract is its JSON sidecar (window size, context
 * organs whose first-stage masks are extra input channels, which glands it draws, presence
 * thresholds).
 */
import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { ErrorCode, ServiceError } from '../errors.js';
import { keepLargestComponents } from './masks.js';
import { readModelSidecar } from './sidecar.js';

const AORTA = 5;
const RIGHT_ADRENAL = 7;
const LEFT_ADRENAL = 8;

const sidecarSchema = z.object({
  version: z.string(),
  kind: z.literal('adrenal-window'),
  input: z.object({ name: z.string(), shape: z.array(z.number().nullable()).length(4) }),
  output: z.object({ name: z.string(), shape: z.array(z.number().nullable()).length(4) }),
  organIds: z.tuple([z.literal(0), z.literal(RIGHT_ADRENAL), z.literal(LEFT_ADRENAL)]),
  window: z.object({ size: z.number().int().positive(), grid: z.number().int().positive() }),
  contextOrganIds: z.array(z.number().int().min(1).max(13)).default([]),
  /** The glands whose pixels are used; a gland that failed its held-out check is left out. */
  draw: z
    .array(z.union([z.literal(RIGHT_ADRENAL), z.literal(LEFT_ADRENAL)]))
    .default([RIGHT_ADRENAL, LEFT_ADRENAL]),
  presence: z
    .object({
      minAreaPx: z.record(z.string(), z.number()).optional(),
      minMeanProb: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
});

export type AdrenalSidecar = z.infer<typeof sidecarSchema>;

/** One slice on the first stage's letterboxed grid: its model input and argmax/probability maps. */
export interface StagePlane {
  input: Float32Array;
  labels: Uint8Array;
  probability: Float32Array;
}

export interface AdrenalStage {
  readonly version: string;
  readonly sidecar: AdrenalSidecar;
  /** Replaces the adrenal labels of every plane that shows the aorta, in place. */
  apply(planes: StagePlane[], grid: number): Promise<void>;
  close(): Promise<void>;
}

export function readAdrenalSidecar(modelPath: string): AdrenalSidecar {
  return readModelSidecar(modelPath, sidecarSchema, 'adrenal model');
}

export async function createAdrenalStage(
  modelPath: string,
  options: { threads?: number } = {},
): Promise<AdrenalStage> {
  if (!existsSync(modelPath)) {
    throw new ServiceError(ErrorCode.ModelUnavailable, 'The adrenal model is not installed.', {
      detail: `missing ${modelPath}`,
    });
  }
  const sidecar = readAdrenalSidecar(modelPath);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.threads ?? 0,
    });
  } catch (error) {
    throw new ServiceError(ErrorCode.ModelInvalid, 'The adrenal model file could not be loaded.', {
      cause: error,
      detail: error instanceof Error ? error.message : undefined,
    });
  }
  const w = sidecar.window.size;
  const channels = 1 + sidecar.contextOrganIds.length;
  if (sidecar.input.shape[1] !== channels || sidecar.input.shape[2] !== w || sidecar.output.shape[1] !== 3) {
    throw new ServiceError(ErrorCode.ModelInvalid, 'The adrenal model sidecar does not match its window.', {
      detail: `input ${sidecar.input.shape.join('×')}, output ${sidecar.output.shape.join('×')}`,
    });
  }

  return {
    version: sidecar.version,
    sidecar,
    async apply(planes, grid) {
      if (grid !== sidecar.window.grid) {
        throw new ServiceError(ErrorCode.ModelInvalid, 'The adrenal model expects another input grid.', {
          detail: `grid ${grid}, model ${sidecar.window.grid}`,
        });
      }
      const work = planes
        .map((plane) => ({ plane, centre: aortaCentre(plane.labels, grid) }))
        .filter((p): p is { plane: StagePlane; centre: [number, number] } => p.centre !== undefined);
      if (work.length === 0) return;
      const area = w * w;
      const input = new Float32Array(work.length * channels * area);
      const mask = new Float32Array(grid * grid);
      work.forEach(({ plane, centre }, b) => {
        const base = b * channels * area;
        sampleWindow(plane.input, grid, centre, w, input.subarray(base, base + area));
        sidecar.contextOrganIds.forEach((id, k) => {
          for (let i = 0; i < mask.length; i++) mask[i] = plane.labels[i] === id ? 1 : 0;
          const at = base + (k + 1) * area;
          sampleWindow(mask, grid, centre, w, input.subarray(at, at + area));
        });
      });
      let outputs: ort.InferenceSession.OnnxValueMapType;
      try {
        outputs = await session.run({
          [sidecar.input.name]: new ort.Tensor('float32', input, [work.length, channels, w, w]),
        });
      } catch (error) {
        throw new ServiceError(ErrorCode.ModelInvalid, 'The adrenal model failed on this image.', {
          cause: error,
          detail: error instanceof Error ? error.message : undefined,
        });
      }
      const logits = (outputs[sidecar.output.name] as ort.Tensor).data as Float32Array;
      work.forEach(({ plane, centre }, b) => {
        const probs = softmax3(logits.subarray(b * 3 * area, (b + 1) * 3 * area), area);
        pasteWindow(probs, w, centre, grid, plane, sidecar.draw);
      });
    },
    async close() {
      await session.release();
    },
  };
}

/** Centroid [x, y] of the aorta's largest 4-connected piece, or undefined when there is none. */
export function aortaCentre(labels: Uint8Array, grid: number): [number, number] | undefined {
  const mask = new Uint8Array(labels.length);
  let any = false;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === AORTA) {
      mask[i] = 1;
      any = true;
    }
  }
  if (!any) return undefined;
  const largest = keepLargestComponents(mask, grid, 0);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < largest.length; i++) {
    if (!largest[i]) continue;
    const x = i % grid;
    sx += x;
    sy += (i - x) / grid;
    n++;
  }
  return [sx / n, sy / n];
}

/**
 * Bilinear sample of a `w`×`w` window centred at `centre` (pixel coordinates) of a `grid`×`grid`
 * plane, zeros outside: window pixel u reads the plane at centre − w/2 + 0.5 + u, as
 * `torch.nn.functional.grid_sample(align_corners=False)` does in training.
 */
export function sampleWindow(
  plane: Float32Array,
  grid: number,
  centre: [number, number],
  w: number,
  out: Float32Array,
): void {
  const ox = centre[0] - w / 2 + 0.5;
  const oy = centre[1] - w / 2 + 0.5;
  for (let v = 0; v < w; v++) {
    for (let u = 0; u < w; u++) out[v * w + u] = bilinear(plane, grid, grid, ox + u, oy + v);
  }
}

/** Window probabilities (3 planes) back onto the grid; adrenal pixels replace the labels there. */
function pasteWindow(
  probs: Float32Array,
  w: number,
  centre: [number, number],
  grid: number,
  plane: StagePlane,
  draw: readonly number[],
) {
  const drawRight = draw.includes(RIGHT_ADRENAL);
  const drawLeft = draw.includes(LEFT_ADRENAL);
  const area = w * w;
  const ox = centre[0] - w / 2 + 0.5;
  const oy = centre[1] - w / 2 + 0.5;
  const x0 = Math.max(0, Math.floor(ox) - 1);
  const y0 = Math.max(0, Math.floor(oy) - 1);
  const x1 = Math.min(grid - 1, Math.ceil(ox + w));
  const y1 = Math.min(grid - 1, Math.ceil(oy + w));
  const bg = probs.subarray(0, area);
  const right = probs.subarray(area, 2 * area);
  const left = probs.subarray(2 * area, 3 * area);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const p0 = bilinear(bg, w, w, x - ox, y - oy);
      const p1 = bilinear(right, w, w, x - ox, y - oy);
      const p2 = bilinear(left, w, w, x - ox, y - oy);
      if (p0 + p1 + p2 === 0) continue; // outside the window
      const i = y * grid + x;
      if ((drawRight && plane.labels[i] === RIGHT_ADRENAL) || (drawLeft && plane.labels[i] === LEFT_ADRENAL))
        plane.labels[i] = 0;
      if (drawRight && p1 > p0 && p1 >= p2) {
        plane.labels[i] = RIGHT_ADRENAL;
        plane.probability[i] = p1 / (p0 + p1 + p2);
      } else if (drawLeft && p2 > p0 && p2 > p1) {
        plane.labels[i] = LEFT_ADRENAL;
        plane.probability[i] = p2 / (p0 + p1 + p2);
      }
    }
  }
}

function bilinear(data: Float32Array, width: number, height: number, x: number, y: number): number {
  const xa = Math.floor(x);
  const ya = Math.floor(y);
  const fx = x - xa;
  const fy = y - ya;
  const at = (xi: number, yi: number) =>
    xi < 0 || yi < 0 || xi >= width || yi >= height ? 0 : (data[yi * width + xi] as number);
  return (
    (1 - fy) * ((1 - fx) * at(xa, ya) + fx * at(xa + 1, ya)) +
    fy * ((1 - fx) * at(xa, ya + 1) + fx * at(xa + 1, ya + 1))
  );
}

function softmax3(logits: Float32Array, area: number): Float32Array {
  const out = new Float32Array(3 * area);
  for (let i = 0; i < area; i++) {
    const a = logits[i] as number;
    const b = logits[area + i] as number;
    const c = logits[2 * area + i] as number;
    const m = Math.max(a, b, c);
    const ea = Math.exp(a - m);
    const eb = Math.exp(b - m);
    const ec = Math.exp(c - m);
    const s = ea + eb + ec;
    out[i] = ea / s;
    out[area + i] = eb / s;
    out[2 * area + i] = ec / s;
  }
  return out;
}
