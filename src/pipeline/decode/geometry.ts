/**
 * Volume geometry shared by the NIfTI and DICOM-series decoders: which storage axis is shown as
 * display columns, rows and slices, and how to copy one display slice out of (or back into) the
 * storage grid.
 *
 * Display convention (radiological): image columns run from the patient's Right to Left, image rows
 * from Anterior to Posterior, and slices from Inferior to Superior. In RAS+ world coordinates that is
 * columns along −x, rows along −y, slices along +z.
 */
import { ErrorCode, InputError } from '../../errors.js';
import type { AxisMap, DisplayAxes, VolumeGeometry } from './types.js';

type StorageAxis = 0 | 1 | 2;

const PERMUTATIONS: [StorageAxis, StorageAxis, StorageAxis][] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** Column `axis` of the affine's 3×3 part: the world direction of one storage step, normalised. */
function axisDirection(affine: number[], axis: StorageAxis): [number, number, number] {
  const v: [number, number, number] = [affine[axis] ?? 0, affine[4 + axis] ?? 0, affine[8 + axis] ?? 0];
  const norm = Math.hypot(v[0], v[1], v[2]);
  return norm > 0 ? [v[0] / norm, v[1] / norm, v[2] / norm] : [0, 0, 0];
}

/**
 * Maps display (column, row, slice) onto storage axes for a voxel→RAS+ affine (row-major 4×4).
 *
 * Each world axis gets a distinct storage axis: the permutation with the largest total alignment
 * wins, so oblique acquisitions still get a sensible, one-to-one assignment. A degenerate affine
 * (all zeros) falls back to the identity mapping without flips.
 */
export function displayAxesFromAffine(
  affine: number[],
  // The mapping depends on directions only; dims are accepted so callers pass the whole geometry.
  _dims?: readonly number[],
): DisplayAxes {
  const directions = ([0, 1, 2] as const).map((axis) => axisDirection(affine, axis));
  let best = PERMUTATIONS[0] as [StorageAxis, StorageAxis, StorageAxis];
  let bestScore = -1;
  for (const perm of PERMUTATIONS) {
    // perm[w] is the storage axis assigned to world axis w (x, y, z).
    const score = perm.reduce<number>(
      (sum, axis, world) => sum + Math.abs(directions[axis]?.[world] ?? 0),
      0,
    );
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = perm;
    }
  }
  const component = (axis: StorageAxis, world: number): number => directions[axis]?.[world] ?? 0;
  return {
    // Columns go Right → Left, i.e. toward −x: flip when the storage axis points to +x.
    col: { axis: best[0], flip: component(best[0], 0) > 0 },
    // Rows go Anterior → Posterior, i.e. toward −y: flip when the storage axis points to +y.
    row: { axis: best[1], flip: component(best[1], 1) > 0 },
    // Slices go Inferior → Superior, i.e. toward +z: flip when the storage axis points to −z.
    slice: { axis: best[2], flip: component(best[2], 2) < 0 },
  };
}

interface SliceWalk {
  width: number;
  height: number;
  /** Storage offset of display (row 0, col 0). */
  origin: number;
  /** Storage offset step for one display column / row. */
  colStep: number;
  rowStep: number;
}

function strides(dims: [number, number, number]): [number, number, number] {
  return [1, dims[0], dims[0] * dims[1]];
}

function startAndStep(map: AxisMap, index: number, dims: [number, number, number]): [number, number] {
  const stride = strides(dims)[map.axis];
  const n = dims[map.axis];
  const storageIndex = map.flip ? n - 1 - index : index;
  return [storageIndex * stride, map.flip ? -stride : stride];
}

function sliceWalk(geometry: VolumeGeometry, index: number): SliceWalk {
  const { dims, displayAxes } = geometry;
  const sliceCount = dims[displayAxes.slice.axis];
  if (!Number.isInteger(index) || index < 0 || index >= sliceCount) {
    throw new InputError(
      ErrorCode.SliceOutOfRange,
      `There is no slice ${index + 1}: this volume has slices 1 to ${sliceCount}.`,
    );
  }
  const [sliceStart] = startAndStep(displayAxes.slice, index, dims);
  const [colStart, colStep] = startAndStep(displayAxes.col, 0, dims);
  const [rowStart, rowStep] = startAndStep(displayAxes.row, 0, dims);
  return {
    width: dims[displayAxes.col.axis],
    height: dims[displayAxes.row.axis],
    origin: sliceStart + colStart + rowStart,
    colStep,
    rowStep,
  };
}

/** Copies display slice `index` (row-major, radiological orientation) out of a storage-ordered volume. */
export function extractDisplaySlice(
  data: Float32Array,
  geometry: VolumeGeometry,
  index: number,
): { width: number; height: number; data: Float32Array } {
  const walk = sliceWalk(geometry, index);
  const out = new Float32Array(walk.width * walk.height);
  for (let r = 0; r < walk.height; r++) {
    let src = walk.origin + r * walk.rowStep;
    const rowOffset = r * walk.width;
    for (let c = 0; c < walk.width; c++) {
      out[rowOffset + c] = data[src] ?? 0;
      src += walk.colStep;
    }
  }
  return { width: walk.width, height: walk.height, data: out };
}

/**
 * The inverse of `extractDisplaySlice` for label maps: writes a display-oriented slice of labels into
 * its place in a storage-ordered volume, so masks can be saved on the file's own voxel grid.
 */
export function writeDisplaySliceToStorage(
  labels: Uint8Array,
  geometry: VolumeGeometry,
  index: number,
  target: Uint8Array,
): void {
  const walk = sliceWalk(geometry, index);
  if (labels.length !== walk.width * walk.height) {
    throw new RangeError(`label slice has ${labels.length} values, expected ${walk.width}×${walk.height}`);
  }
  const [nx, ny, nz] = geometry.dims;
  if (target.length !== nx * ny * nz) {
    throw new RangeError(`target volume has ${target.length} values, expected ${nx}×${ny}×${nz}`);
  }
  for (let r = 0; r < walk.height; r++) {
    let dst = walk.origin + r * walk.rowStep;
    const rowOffset = r * walk.width;
    for (let c = 0; c < walk.width; c++) {
      target[dst] = labels[rowOffset + c] ?? 0;
      dst += walk.colStep;
    }
  }
}
