import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { writeDisplaySliceToStorage } from '../src/pipeline/decode/geometry.js';
import { decodeBytes } from '../src/pipeline/decode/index.js';
import { readNifti } from '../src/pipeline/decode/nifti.js';
import { writeNiftiLabels } from '../src/pipeline/decode/nifti-write.js';
import { displayIndexOfStorageSlice } from '../src/pipeline/decode/types.js';
import { niftiBytes, type SyntheticSlice, syntheticSlice } from './helpers/synthetic.js';

const limits = DEFAULT_INPUT_LIMITS;

/** Three display slices that differ (an organ omitted in each) so slice order is checked too. */
const slices: SyntheticSlice[] = [
  syntheticSlice(64, 48, [3]),
  syntheticSlice(64, 48),
  syntheticSlice(64, 48, [1]),
];
const W = 64;
const H = 48;
const K = slices.length;

/** Builds storage data with a custom index mapping: storage(i,j,k) <- display(slice, row, col). */
function store(
  dims: [number, number, number],
  at: (i: number, j: number, k: number) => [number, number, number],
) {
  const [nx, ny, nz] = dims;
  const data = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const [s, r, c] = at(i, j, k);
        data[i + nx * (j + ny * k)] = (slices[s] as SyntheticSlice).pixels[r * W + c] as number;
      }
  return data;
}

function expectDisplayed(image: Awaited<ReturnType<typeof decodeBytes>>, order: number[] = [0, 1, 2]) {
  expect(image.sliceCount).toBe(K);
  order.forEach((source, k) => {
    const slice = image.slice(k);
    expect([slice.width, slice.height]).toEqual([W, H]);
    const expected = (slices[source] as SyntheticSlice).pixels;
    // MR-like data is percentile-stretched; compare where organs are, by ordering of values.
    const liverIdx = (slices[1] as SyntheticSlice).labels.indexOf(1);
    const outside = 0;
    expect(slice.pixels[outside]).toBeLessThan(0.05);
    if ((slices[source] as SyntheticSlice).labels[liverIdx] === 1) {
      expect(slice.pixels[liverIdx]).toBeGreaterThan(0.4);
    }
    let err = 0;
    const scale = Math.max(...slice.pixels) / Math.max(...expected);
    for (let i = 0; i < expected.length; i++)
      err += Math.abs((slice.pixels[i] as number) - (expected[i] as number) * scale);
    expect(err / expected.length).toBeLessThan(0.02);
  });
}

describe('NIfTI decoding shows slices radiologically whatever the storage order', () => {
  it('LPS-like storage (x to patient left, y to posterior): shown as stored', async () => {
    const data = store([W, H, K], (i, j, k) => [k, j, i]);
    const nii = niftiBytes(data, [W, H, K], [-1.5, 0, 0, 10, 0, -1.5, 0, 20, 0, 0, 3, -30, 0, 0, 0, 1]);
    const image = await decodeBytes(nii, limits);
    expect(image.format).toBe('nifti');
    expectDisplayed(image);
    expect(image.slice(0).pixelSpacingMm).toEqual([1.5, 1.5]);
  });

  it('RAS storage (x to patient right, y to anterior), gzipped: both axes flipped for display', async () => {
    const data = store([W, H, K], (i, j, k) => [k, H - 1 - j, W - 1 - i]);
    const nii = niftiBytes(data, [W, H, K], [1.5, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1], {
      gzip: true,
    });
    expectDisplayed(await decodeBytes(nii, limits));
  });

  it('transposed storage (i along anterior-posterior, j along left-right) and slices stored superior first', async () => {
    const data = store([H, W, K], (i, j, k) => [K - 1 - k, i, j]);
    // i → posterior (-y), j → left (-x), k → inferior (-z)
    const nii = niftiBytes(data, [H, W, K], [0, -1, 0, 0, -1, 0, 0, 0, 0, 0, -3, 0, 0, 0, 0, 1]);
    const image = await decodeBytes(nii, limits);
    expectDisplayed(image);
    // Storage slice 0 is the most superior one, i.e. the last display slice.
    expect(displayIndexOfStorageSlice(image.storage, 0)).toBe(K - 1);
  });

  it('big-endian files and scl_slope/inter are honoured', async () => {
    const data = store([W, H, K], (i, j, k) => [k, j, i]);
    const nii = niftiBytes(data, [W, H, K], [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], {
      bigEndian: true,
      sclSlope: 2,
      sclInter: 5,
    });
    const volume = readNifti(nii, limits);
    expect(volume.data[0]).toBeCloseTo(5);
    expect(volume.data[data.indexOf(Math.max(...data))]).toBeCloseTo(Math.max(...data) * 2 + 5, 4);
    expectDisplayed(await decodeBytes(nii, limits));
  });

  it('CT in Hounsfield units gets the abdominal window (level 40, width 400)', async () => {
    const hu = new Float32Array(W * H * K);
    for (let i = 0; i < hu.length; i++) hu[i] = i % 7 === 0 ? -1000 : i % 11 === 0 ? 700 : 40;
    const image = await decodeBytes(
      niftiBytes(hu, [W, H, K], [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      limits,
    );
    expect(image.modality).toBe('CT');
    const px = image.slice(0).pixels;
    expect(px[1]).toBeCloseTo(0.5, 2); // 40 HU is the window centre
    expect(px[0]).toBe(0); // air
    expect(px[11]).toBe(1); // bone
  });

  it('NaN and infinite voxels become 0 and 4D data uses its first volume', async () => {
    const data = new Float32Array(W * H * 2 * 2).fill(1);
    data[0] = Number.NaN;
    data[1] = Number.POSITIVE_INFINITY;
    const image = await decodeBytes(
      niftiBytes(data, [W, H, 2, 2], [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      limits,
    );
    expect(image.sliceCount).toBe(2);
    for (const v of image.slice(0).pixels) expect(Number.isFinite(v)).toBe(true);
  });

  it('a 2D NIfTI is one slice', async () => {
    const data = store([W, H, 1], (i, j) => [1, j, i]);
    const image = await decodeBytes(
      niftiBytes(data, [W, H], [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      limits,
    );
    expect(image.sliceCount).toBe(1);
  });

  it('label maps written on the input grid keep its dims and affine (geometry round trip)', async () => {
    const data = store([H, W, K], (i, j, k) => [K - 1 - k, i, j]);
    const affine = [0, -1, 0, 4, -1, 0, 0, 5, 0, 0, -3, 6, 0, 0, 0, 1];
    const image = await decodeBytes(niftiBytes(data, [H, W, K], affine), limits);
    if (image.storage.kind !== 'volume') throw new Error('expected a volume');
    const { geometry } = image.storage;
    const volume = new Uint8Array(H * W * K);
    for (let k = 0; k < K; k++)
      writeDisplaySliceToStorage(
        (slices[[0, 1, 2][k] as number] as SyntheticSlice).labels,
        geometry,
        k,
        volume,
      );
    for (const template of [image.storage.niftiHeader, undefined]) {
      const written = readNifti(writeNiftiLabels(volume, geometry, template), limits);
      expect(written.geometry.dims).toEqual([H, W, K]);
      written.geometry.affine.forEach((v, i) => {
        expect(v).toBeCloseTo(affine[i] as number, 5);
      });
      expect(Array.from(written.data)).toEqual(Array.from(volume));
    }
    // And the stored labels line up with the stored intensities: liver voxels are bright.
    const liverVoxel = volume.indexOf(1);
    expect(data[liverVoxel]).toBeCloseTo(0.55, 2);
  });
});
