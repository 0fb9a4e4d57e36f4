/**
 * Consistency across the slices of a volume. Each slice is segmented on its own, so a blob of an
 * organ away from the organ (the right lung read as liver above the liver's dome) survives the
 * per-slice cleanup; stacked, it is a piece that touches nothing in 3D. Per organ, only the largest
 * 3D piece and pieces at least a fifth of its size are kept, as nnU-Net's post-processing does.
 * Whatever reads a whole volume reads it this way (`organ-seg segment` and `eval`, the bot's
 * exports, sizes and "largest slice"); a single shown slice is answered from that slice alone,
 * which is some 25–40 times faster (`npm run bench`).
 */
import { boundingBox } from './masks.js';
import { ORGAN_IDS, type OrganId } from './organs.js';

/**
 * Labels the 6-connected components of a stack of equally sized masks (non-zero = inside): pixels
 * touch their four in-plane neighbours and the same pixel on the slices above and below.
 */
export function connectedComponents3d(
  masks: Uint8Array[],
  width: number,
): { ids: Int32Array[]; sizes: number[] } {
  const plane = masks[0]?.length ?? 0;
  const ids = masks.map(() => new Int32Array(plane));
  const sizes: number[] = [0];
  const stack: number[] = [];
  let next = 0;
  for (let z0 = 0; z0 < masks.length; z0++) {
    const mask0 = masks[z0] as Uint8Array;
    for (let p0 = 0; p0 < plane; p0++) {
      if (!mask0[p0] || (ids[z0] as Int32Array)[p0]) continue;
      next++;
      let size = 0;
      (ids[z0] as Int32Array)[p0] = next;
      stack.push(z0, p0);
      while (stack.length > 0) {
        const p = stack.pop() as number;
        const z = stack.pop() as number;
        size++;
        const x = p % width;
        const visit = (zz: number, q: number) => {
          const layer = ids[zz] as Int32Array;
          if ((masks[zz] as Uint8Array)[q] && !layer[q]) {
            layer[q] = next;
            stack.push(zz, q);
          }
        };
        if (x > 0) visit(z, p - 1);
        if (x < width - 1) visit(z, p + 1);
        if (p >= width) visit(z, p - width);
        if (p + width < plane) visit(z, p + width);
        if (z > 0) visit(z - 1, p);
        if (z < masks.length - 1) visit(z + 1, p);
      }
      sizes.push(size);
    }
  }
  return { ids, sizes };
}

/**
 * Pieces of one organ at least this fraction of its largest 3D piece are kept too (an organ the
 * field of view cuts in two, a kidney's poles joined only outside the volume). 0.2 is the spirit of
 * the per-slice fractions in segment.ts, not tuned (models/README.md gives 0.5 for comparison).
 */
export const KEEP_FRACTION_3D = 0.2;

/**
 * The label maps of one volume's slices (one size, in order; after the per-slice presence
 * decision) with each organ reduced to its largest 3D piece and the pieces at least `keepFraction`
 * of it. A stray blob that touches nothing in 3D goes, however confident it was on its own slice.
 */
export function keepLargestPieces3d(
  labels: Uint8Array[],
  width: number,
  keepFraction = KEEP_FRACTION_3D,
): Uint8Array[] {
  const out = labels.map((l) => Uint8Array.from(l));
  for (const id of ORGAN_IDS) {
    if (!labels.some((l) => l.includes(id))) continue;
    const { ids, sizes } = connectedComponents3d(
      labels.map((l) => l.map((v) => (v === id ? 1 : 0))),
      width,
    );
    if (sizes.length <= 2) continue;
    const largest = Math.max(...sizes);
    const keep = sizes.map((n, c) => c > 0 && n >= keepFraction * largest);
    out.forEach((l, z) => {
      const layer = ids[z] as Int32Array;
      for (let i = 0; i < l.length; i++) if (l[i] === id && !keep[layer[i] as number]) l[i] = 0;
    });
  }
  return out;
}

/** What this module needs of a slice's segmentation (segment.ts's `SliceSegmentation`). */
interface SegmentedSlice {
  width: number;
  height: number;
  labels: Uint8Array;
  findings: {
    id: OrganId;
    present: boolean;
    areaPx: number;
    bbox: [number, number, number, number] | null;
  }[];
}

/**
 * The slices of one volume (one size, in order) with each organ reduced to its largest 3D pieces
 * (`keepLargestPieces3d`); an organ removed from a slice is reported there as not present, and
 * confidences stay as they were. Slices of different sizes are returned as they are.
 */
export function consistentAcrossSlices<T extends SegmentedSlice>(
  slices: T[],
  keepFraction = KEEP_FRACTION_3D,
): T[] {
  const first = slices[0];
  if (!first || slices.length < 2) return slices;
  if (slices.some((s) => s.width !== first.width || s.height !== first.height)) return slices;
  const kept = keepLargestPieces3d(
    slices.map((s) => s.labels),
    first.width,
    keepFraction,
  );
  return slices.map((s, z) => {
    const labels = kept[z] as Uint8Array;
    const areas = new Array<number>(14).fill(0);
    for (let i = 0; i < labels.length; i++) areas[labels[i] as number]++;
    return {
      ...s,
      labels,
      findings: s.findings.map((f) => {
        const areaPx = areas[f.id] as number;
        if (!f.present || areaPx === f.areaPx) return f;
        if (areaPx === 0) return { ...f, present: false, areaPx: 0, bbox: null };
        return { ...f, areaPx, bbox: boundingBox(labels, s.width, f.id) };
      }),
    };
  });
}
