/** Binary-mask helpers on row-major label maps: components, holes, boxes, outlines. */

/** Labels 4-connected components of `mask` (non-zero = inside); returns ids (1..n) and sizes. */
export function connectedComponents(mask: Uint8Array, width: number): { ids: Int32Array; sizes: number[] } {
  const ids = new Int32Array(mask.length);
  const sizes: number[] = [0];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || ids[start]) continue;
    next++;
    let size = 0;
    ids[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      size++;
      const x = p % width;
      const neighbours = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
      for (const q of neighbours) {
        if (q >= 0 && q < mask.length && mask[q] && !ids[q]) {
          ids[q] = next;
          stack.push(q);
        }
      }
    }
    sizes.push(size);
  }
  return { ids, sizes };
}

/**
 * Keeps the largest component and any other at least `keepFraction` of its size (0 keeps only the
 * largest; organs cut into lobes or loops by the slice plane use a fraction).
 */
export function keepLargestComponents(mask: Uint8Array, width: number, keepFraction: number): Uint8Array {
  const { ids, sizes } = connectedComponents(mask, width);
  if (sizes.length <= 2) return mask;
  let largestId = 1;
  for (let i = 2; i < sizes.length; i++)
    if ((sizes[i] as number) > (sizes[largestId] as number)) largestId = i;
  const largest = sizes[largestId] as number;
  const keep = sizes.map(
    (s, i) => i === largestId || (i > 0 && keepFraction > 0 && s >= keepFraction * largest),
  );
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = keep[ids[i] as number] && ids[i] !== 0 ? 1 : 0;
  return out;
}

/** Fills holes: background regions that do not touch the image border. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const outside = new Uint8Array(mask.length);
  const stack: number[] = [];
  const push = (p: number) => {
    if (!mask[p] && !outside[p]) {
      outside[p] = 1;
      stack.push(p);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length > 0) {
    const p = stack.pop() as number;
    const x = p % width;
    if (x > 0) push(p - 1);
    if (x < width - 1) push(p + 1);
    if (p >= width) push(p - width);
    if (p + width < mask.length) push(p + width);
  }
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = outside[i] ? 0 : 1;
  return out;
}

/** [x1, y1, x2, y2] inclusive pixel box of label `value` in `labels`, or null when absent. */
export function boundingBox(
  labels: Uint8Array,
  width: number,
  value: number,
): [number, number, number, number] | null {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = -1;
  let y2 = -1;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== value) continue;
    const x = i % width;
    const y = (i - x) / width;
    if (x < x1) x1 = x;
    if (x > x2) x2 = x;
    if (y < y1) y1 = y;
    if (y > y2) y2 = y;
  }
  return x2 < 0 ? null : [x1, y1, x2, y2];
}

/** Dice overlap of two binary masks (1 when both are empty). */
export function dice(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ? 1 : 0;
    const y = b[i] ? 1 : 0;
    inter += x & y;
    sa += x;
    sb += y;
  }
  return sa + sb === 0 ? 1 : (2 * inter) / (sa + sb);
}
