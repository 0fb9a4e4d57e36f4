import { describe, expect, it } from 'vitest';
import {
  displayAxesFromAffine,
  extractDisplaySlice,
  writeDisplaySliceToStorage,
} from '../src/pipeline/decode/geometry.js';
import type { VolumeGeometry } from '../src/pipeline/decode/types.js';

/** Row-major 4×4 affine from the world directions of the three storage axes (columns). */
function affineFromColumns(i: number[], j: number[], k: number[]): number[] {
  return [i[0], j[0], k[0], 0, i[1], j[1], k[1], 0, i[2], j[2], k[2], 0, 0, 0, 0, 1] as number[];
}

function geometryFor(affine: number[], dims: [number, number, number]): VolumeGeometry {
  return { dims, spacingMm: [1, 1, 1], affine, displayAxes: displayAxesFromAffine(affine, dims) };
}

/** A volume whose voxel value encodes its storage index: value = i + 10 j + 100 k. */
function indexVolume([nx, ny, nz]: [number, number, number]): Float32Array {
  const data = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) data[i + nx * (j + ny * k)] = i + 10 * j + 100 * k;
  return data;
}

describe('displayAxesFromAffine', () => {
  it('flips a RAS-stored axial volume (NIfTI identity) so patient right is on image left and anterior is up', () => {
    const axes = displayAxesFromAffine(affineFromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]), [4, 3, 2]);
    expect(axes).toEqual({
      col: { axis: 0, flip: true },
      row: { axis: 1, flip: true },
      slice: { axis: 2, flip: false },
    });
  });

  it('keeps a DICOM axial (LPS rows/columns, stored inferior→superior) exactly as stored', () => {
    const axes = displayAxesFromAffine(affineFromColumns([-0.7, 0, 0], [0, -0.7, 0], [0, 0, 2.5]), [4, 3, 2]);
    expect(axes).toEqual({
      col: { axis: 0, flip: false },
      row: { axis: 1, flip: false },
      slice: { axis: 2, flip: false },
    });
  });

  it('permutes axes for a volume stored sagittal-first, flipping those that point the wrong way', () => {
    // i → posterior (−y), j → inferior (−z), k → right (+x)
    const axes = displayAxesFromAffine(affineFromColumns([0, -1, 0], [0, 0, -1], [1, 0, 0]), [4, 3, 2]);
    expect(axes).toEqual({
      col: { axis: 2, flip: true },
      row: { axis: 0, flip: false },
      slice: { axis: 1, flip: true },
    });
  });

  it('assigns the nearest axis for an oblique (20° about z) acquisition', () => {
    const c = Math.cos((20 * Math.PI) / 180);
    const s = Math.sin((20 * Math.PI) / 180);
    const axes = displayAxesFromAffine(affineFromColumns([-c, -s, 0], [s, -c, 0], [0, 0, -3]), [4, 3, 2]);
    expect(axes).toEqual({
      col: { axis: 0, flip: false },
      row: { axis: 1, flip: false },
      slice: { axis: 2, flip: true },
    });
  });
});

describe('extractDisplaySlice / writeDisplaySliceToStorage', () => {
  it('reads a RAS-stored slice mirrored left-right and up-down', () => {
    const dims: [number, number, number] = [4, 3, 2];
    const geometry = geometryFor(affineFromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]), dims);
    const slice = extractDisplaySlice(indexVolume(dims), geometry, 1);
    expect(slice.width).toBe(4);
    expect(slice.height).toBe(3);
    // Display (row 0, col 0) is the last i and last j of storage slice k = 1.
    expect(slice.data[0]).toBe(3 + 20 + 100);
    expect(slice.data[slice.width * slice.height - 1]).toBe(0 + 0 + 100);
  });

  it('reads a permuted volume with display columns along storage k and slices along flipped j', () => {
    const dims: [number, number, number] = [4, 3, 2];
    const geometry = geometryFor(affineFromColumns([0, -1, 0], [0, 0, -1], [1, 0, 0]), dims);
    const slice = extractDisplaySlice(indexVolume(dims), geometry, 0); // most inferior = last j
    expect([slice.width, slice.height]).toEqual([2, 4]);
    // (row r, col c) → i = r, j = 2, k = 1 − c
    expect(Array.from(slice.data.slice(0, 2))).toEqual([0 + 20 + 100, 0 + 20 + 0]);
    expect(slice.data[2 * 2 + 1]).toBe(2 + 20 + 0);
  });

  it('writes labels back to the exact storage voxels they were read from', () => {
    const dims: [number, number, number] = [4, 3, 2];
    for (const affine of [
      affineFromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]),
      affineFromColumns([0, -1, 0], [0, 0, -1], [1, 0, 0]),
      affineFromColumns([-1, 0, 0], [0, 0, 1], [0, 1, 0]),
    ]) {
      const geometry = geometryFor(affine, dims);
      const volume = indexVolume(dims);
      const sliceCount = dims[geometry.displayAxes.slice.axis];
      const target = new Uint8Array(volume.length);
      for (let s = 0; s < sliceCount; s++) {
        const plane = extractDisplaySlice(volume, geometry, s);
        // Label = storage value + 1 (all values < 255 here), so each voxel must get its own.
        writeDisplaySliceToStorage(
          Uint8Array.from(plane.data, (v) => v + 1),
          geometry,
          s,
          target,
        );
      }
      expect(Array.from(target)).toEqual(Array.from(volume, (v) => v + 1));
    }
  });

  it('rejects a slice index outside the volume with a coded error', () => {
    const geometry = geometryFor(affineFromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]), [4, 3, 2]);
    expect(() => extractDisplaySlice(indexVolume([4, 3, 2]), geometry, 2)).toThrow(
      expect.objectContaining({ code: 'slice_out_of_range' }),
    );
  });
});
