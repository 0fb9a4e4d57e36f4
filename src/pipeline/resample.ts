/**
 * Bilinear resampling with pixel-centre alignment, the convention of torch's
 * `interpolate(mode='bilinear', align_corners=False)` (no antialiasing) that the model was trained
 * with. One implementation for model input, overlays and the refiner's masks.
 */

/** Bilinear resize of a single-channel float image (pixel-centre aligned). */
export function resizeBilinear(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Float32Array {
  const out = new Float32Array(dw * dh);
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(Math.max(((y + 0.5) * sh) / dh - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.min(Math.max(((x + 0.5) * sw) / dw - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const top = (src[y0 * sw + x0] as number) * (1 - wx) + (src[y0 * sw + x1] as number) * wx;
      const bottom = (src[y1 * sw + x0] as number) * (1 - wx) + (src[y1 * sw + x1] as number) * wx;
      out[y * dw + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}
