/**
 * Model input preparation, matching `training/preprocess.py` step for step: per-slice percentile
 * normalisation to [0, 1], then a letterbox (longer side scaled to the model size, bilinear,
 * centred, zero padding). Keep the two in sync: the model only sees what training saw.
 */
import { percentileRange } from './decode/raster.js';
import type { Slice } from './decode/types.js';

export interface PreprocessSpec {
  /** Model input side in pixels (square). */
  size: number;
  /** Percentiles (0..100) mapped to 0 and 1. */
  lowPercentile: number;
  highPercentile: number;
}

/** Where the slice sits inside the letterboxed square. */
export interface Letterbox {
  size: number;
  scale: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export function letterboxFor(width: number, height: number, size: number): Letterbox {
  const scale = size / Math.max(width, height);
  return { size, scale, offsetX: (size - width * scale) / 2, offsetY: (size - height * scale) / 2, width, height };
}

export function normaliseSlice(slice: Slice, spec: PreprocessSpec): Float32Array {
  const [low, high] = percentileRange(slice.pixels, spec.lowPercentile / 100, spec.highPercentile / 100);
  const out = new Float32Array(slice.pixels.length);
  if (!(high > low)) return out;
  const span = high - low;
  for (let i = 0; i < out.length; i++) {
    const v = ((slice.pixels[i] as number) - low) / span;
    out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}

/**
 * Writes the letterboxed slice into `target` (length size*size) with bilinear sampling using
 * pixel-centre alignment (as torch's `interpolate(..., align_corners=False)`).
 */
export function letterbox(pixels: Float32Array, width: number, height: number, box: Letterbox, target: Float32Array): void {
  target.fill(0);
  const { size, scale, offsetX, offsetY } = box;
  const x0 = Math.max(0, Math.floor(offsetX));
  const x1 = Math.min(size, Math.ceil(offsetX + width * scale));
  const y0 = Math.max(0, Math.floor(offsetY));
  const y1 = Math.min(size, Math.ceil(offsetY + height * scale));
  for (let ty = y0; ty < y1; ty++) {
    const sy = (ty + 0.5 - offsetY) / scale - 0.5;
    if (sy < -0.5 || sy > height - 0.5) continue;
    const fy = Math.min(Math.max(sy, 0), height - 1);
    const iy = Math.min(Math.floor(fy), height - 2 < 0 ? 0 : height - 2);
    const wy = height > 1 ? fy - iy : 0;
    const iy1 = Math.min(iy + 1, height - 1);
    for (let tx = x0; tx < x1; tx++) {
      const sx = (tx + 0.5 - offsetX) / scale - 0.5;
      if (sx < -0.5 || sx > width - 0.5) continue;
      const fx = Math.min(Math.max(sx, 0), width - 1);
      const ix = Math.min(Math.floor(fx), width - 2 < 0 ? 0 : width - 2);
      const wx = width > 1 ? fx - ix : 0;
      const ix1 = Math.min(ix + 1, width - 1);
      const top = (pixels[iy * width + ix] as number) * (1 - wx) + (pixels[iy * width + ix1] as number) * wx;
      const bottom = (pixels[iy1 * width + ix] as number) * (1 - wx) + (pixels[iy1 * width + ix1] as number) * wx;
      target[ty * size + tx] = top * (1 - wy) + bottom * wy;
    }
  }
}

/**
 * Maps a label map on the letterboxed square back onto the slice's own grid. Each output pixel
 * takes the label with the largest bilinear weight among its four nearest model pixels, which
 * gives smooth outlines when upsampling instead of blocky nearest-neighbour steps.
 */
export function unletterboxLabels(labels: Uint8Array, box: Letterbox): Uint8Array {
  const { size, scale, offsetX, offsetY, width, height } = box;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(Math.max((y + 0.5) * scale + offsetY - 0.5, 0), size - 1);
    const iy = Math.min(Math.floor(gy), size - 2);
    const wy = gy - iy;
    const row0 = iy * size;
    const row1 = row0 + size;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(Math.max((x + 0.5) * scale + offsetX - 0.5, 0), size - 1);
      const ix = Math.min(Math.floor(gx), size - 2);
      const a = labels[row0 + ix] as number;
      const b = labels[row0 + ix + 1] as number;
      const c = labels[row1 + ix] as number;
      const d = labels[row1 + ix + 1] as number;
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
