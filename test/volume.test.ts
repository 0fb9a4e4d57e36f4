import { describe, expect, it } from 'vitest';
import type { OrganId } from '../src/pipeline/organs.js';
import type { SliceSegmentation } from '../src/pipeline/segment.js';
import {
  connectedComponents3d,
  consistentAcrossSlices,
  KEEP_FRACTION_3D,
  keepLargestPieces3d,
} from '../src/pipeline/volume.js';

const W = 8;

/** A stack of W×W label maps with `id` painted on the given [z, x0, y0, x1, y1] boxes (inclusive). */
function stack(depth: number, boxes: [number, number, number, number, number, number][]): Uint8Array[] {
  const out = Array.from({ length: depth }, () => new Uint8Array(W * W));
  for (const [id, z, x0, y0, x1, y1] of boxes) {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) (out[z] as Uint8Array)[y * W + x] = id;
  }
  return out;
}

const count = (labels: Uint8Array[], id: number) =>
  labels.reduce((n, l) => n + l.filter((v) => v === id).length, 0);

describe('volume: 3D pieces of an organ across slices', () => {
  it('joins pixels through the slices above and below, not diagonally', () => {
    const masks = stack(3, [
      [1, 0, 0, 0, 1, 1],
      [1, 1, 1, 1, 1, 1], // overlaps slice 0 at (1, 1): one piece
      [1, 2, 2, 2, 2, 2], // touches slice 1 only diagonally: a second piece
    ]).map((l) => l.map((v) => (v ? 1 : 0)));
    const { sizes } = connectedComponents3d(masks, W);
    expect(sizes.slice(1).sort((a, b) => b - a)).toEqual([5, 1]);
  });

  it('removes a piece that touches nothing, keeps pieces nearly as large and leaves other organs', () => {
    const labels = stack(6, [
      // the liver: a column through slices 0–3 (4 × 9 px)
      [1, 0, 0, 0, 2, 2],
      [1, 1, 0, 0, 2, 2],
      [1, 2, 0, 0, 2, 2],
      [1, 3, 0, 0, 2, 2],
      // a stray "liver" blob on slice 5, far from the rest (4 px, under the fraction)
      [1, 5, 6, 6, 7, 7],
      // the spleen in two pieces of 8 and 4 px (4/8 ≥ the fraction: both stay)
      [3, 0, 6, 0, 7, 1],
      [3, 1, 6, 0, 7, 1],
      [3, 4, 4, 6, 5, 7],
    ]);
    expect(4 / 36).toBeLessThan(KEEP_FRACTION_3D);
    expect(4 / 8).toBeGreaterThanOrEqual(KEEP_FRACTION_3D);
    const kept = keepLargestPieces3d(labels, W);
    expect(count(kept, 1)).toBe(36);
    expect((kept[5] as Uint8Array).includes(1)).toBe(false);
    expect(count(kept, 3)).toBe(12);
    expect(labels[5]?.includes(1)).toBe(true); // the input is not changed
  });

  it('keeps every piece at fraction 0 and only the largest at fraction 1', () => {
    const labels = stack(3, [
      [2, 0, 0, 0, 1, 1],
      [2, 2, 5, 5, 5, 5],
    ]);
    expect(count(keepLargestPieces3d(labels, W, 0), 2)).toBe(5);
    expect(count(keepLargestPieces3d(labels, W, 1), 2)).toBe(4);
  });

  it('reports an organ removed from a slice as not present there and updates areas and boxes', () => {
    const labels = stack(4, [
      [1, 0, 0, 0, 3, 3],
      [1, 1, 0, 0, 3, 3],
      [1, 2, 0, 0, 3, 3],
      [1, 3, 6, 6, 7, 7], // a stray liver blob: the only liver on slice 3
      [1, 2, 6, 0, 7, 1], // and one beside the liver on slice 2
      [2, 3, 0, 0, 1, 1],
    ]);
    const slices: SliceSegmentation[] = labels.map((l) => ({
      width: W,
      height: W,
      labels: l,
      modelVersion: 'test',
      findings: ([1, 2] as OrganId[]).map((id) => {
        const areaPx = l.filter((v) => v === id).length;
        return { id, present: areaPx > 0, areaPx, bbox: null, confidence: 0.9 };
      }),
    }));
    const out = consistentAcrossSlices(slices);
    const liver = (z: number) => out[z]?.findings.find((f) => f.id === 1);
    expect(liver(3)).toEqual({ id: 1, present: false, areaPx: 0, bbox: null, confidence: 0.9 });
    expect(liver(2)).toEqual({ id: 1, present: true, areaPx: 16, bbox: [0, 0, 3, 3], confidence: 0.9 });
    expect(liver(0)).toBe(slices[0]?.findings[0]); // untouched findings are the same objects
    expect(out[3]?.findings.find((f) => f.id === 2)?.present).toBe(true); // another organ stays
    expect(out[3]?.modelVersion).toBe('test');
    // One slice, or slices of different sizes: nothing to compare, returned as they are.
    expect(consistentAcrossSlices(slices.slice(3))).toEqual(slices.slice(3));
  });
});
