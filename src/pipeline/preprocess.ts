/**
 * Model input preparation, matching `training/preprocess.py` step for step: per-slice percentile
 * normalisation to [0, 1], then a letterbox (longer side scaled to the model size, bilinear,
 * centred, zero padding). Keep the two in sync: the model only sees what training saw.
 */
import { percentileRange } from './decode/raster.js';
import type { Slice } from './decode/types.js';
import { resizeBilinear } from './resample.js';

export interface PreprocessSpec {
  /** Model input side in pixels (square). */
  size: number;
  /** Percentiles (0..100) mapped to 0 and 1. */
  lowPercentile: number;
  highPercentile: number;
}

/**
 * Where the slice sits inside the letterboxed square: resized to `innerWidth`×`innerHeight` (the
 * longer side = `size`, the other rounded) at integer offsets, exactly as `training/preprocess.py`.
 */
export interface Letterbox {
  size: number;
  innerWidth: number;
  innerHeight: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export function letterboxFor(width: number, height: number, size: number): Letterbox {
  const s = size / Math.max(width, height);
  const innerWidth = Math.max(1, Math.min(size, Math.round(width * s)));
  const innerHeight = Math.max(1, Math.min(size, Math.round(height * s)));
  return {
    size,
    innerWidth,
    innerHeight,
    offsetX: Math.floor((size - innerWidth) / 2),
    offsetY: Math.floor((size - innerHeight) / 2),
    width,
    height,
  };
}

export function normaliseSlice(slice: Slice, spec: PreprocessSpec): Float32Array {
  const [low, high] = percentileRange(slice.pixels, spec.lowPercentile / 100, spec.highPercentile / 100);
  const out = new Float32Array(slice.pixels.length);
  if (!(high > low)) return out;
  const span = high - low;
  for (let i = 0; i < out.length; i++) {
    const v = ((slice.pixels[i] as number) - low) / span;
    out[i] = Math.min(1, Math.max(0, v));
  }
  return out;
}

/**
 * Writes the letterboxed slice into `target` (length size*size): bilinear resize to the inner box
 * with half-pixel centres and no antialiasing, as torch's `interpolate(mode='bilinear',
 * align_corners=False)`, zero elsewhere.
 */
export function letterbox(
  pixels: Float32Array,
  width: number,
  height: number,
  box: Letterbox,
  target: Float32Array,
): void {
  target.fill(0);
  const inner = resizeBilinear(pixels, width, height, box.innerWidth, box.innerHeight);
  for (let y = 0; y < box.innerHeight; y++) {
    target.set(
      inner.subarray(y * box.innerWidth, (y + 1) * box.innerWidth),
      (box.offsetY + y) * box.size + box.offsetX,
    );
  }
}

/**
 * Maps a label map on the letterboxed square back onto the slice's own grid. Each output pixel
 * takes the label with the largest bilinear weight among its four nearest model pixels, which
 * gives smooth outlines when upsampling instead of blocky nearest-neighbour steps.
 */
export function unletterboxLabels(labels: Uint8Array, box: Letterbox): Uint8Array {
  const { size, innerWidth, innerHeight, offsetX, offsetY, width, height } = box;
  const out = new Uint8Array(width * height);
  const scaleX = innerWidth / width;
  const scaleY = innerHeight / height;
  const maxX = offsetX + innerWidth - 1;
  const maxY = offsetY + innerHeight - 1;
  for (let y = 0; y < height; y++) {
    const gy = Math.min(Math.max((y + 0.5) * scaleY - 0.5 + offsetY, offsetY), maxY);
    const iy = Math.min(Math.floor(gy), Math.max(offsetY, maxY - 1));
    const iy1 = Math.min(iy + 1, maxY);
    const wy = gy - iy;
    const row0 = iy * size;
    const row1 = iy1 * size;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(Math.max((x + 0.5) * scaleX - 0.5 + offsetX, offsetX), maxX);
      const ix = Math.min(Math.floor(gx), Math.max(offsetX, maxX - 1));
      const ix1 = Math.min(ix + 1, maxX);
      const a = labels[row0 + ix] as number;
      const b = labels[row0 + ix1] as number;
      const c = labels[row1 + ix] as number;
      const d = labels[row1 + ix1] as number;
      if (a === b && a === c && a === d) {
        out[y * width + x] = a;
        continue;
      }
      const wx = gx - ix;
      const wa = (1 - wx) * (1 - wy);
      const wb = wx * (1 - wy);
      const wc = (1 - wx) * wy;
      const wd = wx * wy;
      // Total bilinear weight of each distinct candidate label; the heaviest wins.
      const weightOf = (label: number) =>
        (a === label ? wa : 0) + (b === label ? wb : 0) + (c === label ? wc : 0) + (d === label ? wd : 0);
      let best = a;
      let bestWeight = weightOf(a);
      for (const candidate of [b, c, d]) {
        if (candidate === best) continue;
        const w = weightOf(candidate);
        if (w > bestWeight) {
          best = candidate;
          bestWeight = w;
        }
      }
      out[y * width + x] = best;
    }
  }
  return out;
}
