/**
 * A de-identified stand-in for a DICOM upload: the displayed slices (already windowed, values
 * 0..1) as a NIfTI-1 float volume with cal_min/cal_max = 0/1, so decoding it again shows exactly the
 * same pixels. The conversation store keeps this instead of the DICOM file, whose header names the
 * patient. Slices are stored in display order with an affine that reproduces that order.
 */
import { gzipSync } from 'node:zlib';
import type { DecodedImage } from './types.js';

export function encodeDisplayVolume(image: DecodedImage): Uint8Array {
  const first = image.slice(0);
  const { width, height } = first;
  const count = image.sliceCount;
  const [rowMm, colMm] = first.pixelSpacingMm ?? [1, 1];
  const sliceMm =
    image.storage.kind === 'volume'
      ? image.storage.geometry.spacingMm[image.storage.geometry.displayAxes.slice.axis]
      : 1;
  const out = new Uint8Array(352 + width * height * count * 4);
  const view = new DataView(out.buffer);
  view.setInt32(0, 348, true);
  [3, width, height, count, 1, 1, 1, 1].forEach((d, i) => {
    view.setInt16(40 + 2 * i, d, true);
  });
  view.setInt16(70, 16, true); // float32
  view.setInt16(72, 32, true);
  [1, colMm, rowMm, sliceMm].forEach((p, i) => {
    view.setFloat32(76 + 4 * i, p, true);
  });
  view.setFloat32(108, 352, true);
  view.setFloat32(112, 1, true);
  view.setFloat32(124, 1, true); // cal_max
  view.setFloat32(128, 0, true); // cal_min
  view.setUint8(123, 10); // mm, s
  view.setInt16(254, 2, true); // sform: aligned
  // x → patient left, y → posterior, z → superior: display order needs no flips.
  const srow = [-colMm, 0, 0, 0, 0, -rowMm, 0, 0, 0, 0, sliceMm, 0];
  srow.forEach((v, i) => {
    view.setFloat32(280 + 4 * i, v, true);
  });
  out.set([0x6e, 0x2b, 0x31, 0], 344);
  for (let k = 0; k < count; k++) {
    const slice = k === 0 ? first : image.slice(k);
    const base = 352 + k * width * height * 4;
    for (let i = 0; i < slice.pixels.length; i++)
      view.setFloat32(base + 4 * i, slice.pixels[i] as number, true);
  }
  return gzipSync(out, { level: 6 });
}
