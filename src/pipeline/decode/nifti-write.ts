/**
 * Writes a label map as NIfTI-1 (uint8, gzipped) on a given voxel grid. When the source was a
 * NIfTI-1 file its header is reused, so the affine (sform and qform) round-trips bit for bit.
 */
import { gzipSync } from 'node:zlib';
import type { VolumeGeometry } from './types.js';

const HEADER_BYTES = 348;
const DATA_OFFSET = 352;

export function writeNiftiLabels(
  labels: Uint8Array,
  geometry: VolumeGeometry,
  template?: Uint8Array,
): Uint8Array {
  const [nx, ny, nz] = geometry.dims;
  if (labels.length !== nx * ny * nz) {
    throw new RangeError(`label map has ${labels.length} voxels, grid has ${nx * ny * nz}`);
  }
  const out = new Uint8Array(DATA_OFFSET + labels.length);
  const view = new DataView(out.buffer);
  const reuse =
    template &&
    template.length >= HEADER_BYTES &&
    new DataView(template.buffer, template.byteOffset).getInt32(0, true) === 348;
  if (reuse) {
    out.set(template.subarray(0, HEADER_BYTES));
  } else {
    view.setInt32(0, HEADER_BYTES, true);
    const [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11] = geometry.affine as number[];
    const srow = [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11];
    srow.forEach((v, i) => {
      view.setFloat32(280 + 4 * i, v ?? 0, true);
    });
    view.setInt16(252, 0, true); // qform_code: unknown; the sform below carries the geometry
    view.setInt16(254, 2, true); // sform_code: aligned to another file (the source image)
    view.setFloat32(76, 1, true); // pixdim[0] (qfac)
    geometry.spacingMm.forEach((s, i) => {
      view.setFloat32(80 + 4 * i, s, true);
    });
    view.setUint8(123, 10); // xyzt_units: mm and seconds
  }
  // dims: always 3D, one volume
  view.setInt16(40, 3, true);
  view.setInt16(42, nx, true);
  view.setInt16(44, ny, true);
  view.setInt16(46, nz, true);
  for (let i = 4; i < 8; i++) view.setInt16(40 + 2 * i, 1, true);
  view.setInt16(70, 2, true); // datatype: uint8
  view.setInt16(72, 8, true); // bitpix
  view.setFloat32(108, DATA_OFFSET, true); // vox_offset
  view.setFloat32(112, 1, true); // scl_slope
  view.setFloat32(116, 0, true); // scl_inter
  view.setFloat32(124, 13, true); // cal_max: the highest organ id
  view.setFloat32(128, 0, true); // cal_min
  view.setUint8(344, 0x6e); // 'n'
  view.setUint8(345, 0x2b); // '+'
  view.setUint8(346, 0x31); // '1'
  view.setUint8(347, 0);
  out.set(labels, DATA_OFFSET);
  return gzipSync(out);
}
