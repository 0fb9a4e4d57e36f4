/**
 * Synthetic abdominal slices made by the tests themselves: an elliptical body with a few organ
 * blobs at their usual places on an axial slice (image left = patient right). Each comes with its
 * label map in our numbering, so decoders and the overlay can be checked pixel by pixel.
 */
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import sharp from 'sharp';

export interface SyntheticSlice {
  width: number;
  height: number;
  /** Intensities 0..1. */
  pixels: Float32Array;
  /** Organ id per pixel. */
  labels: Uint8Array;
}

interface Blob {
  id: number;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  intensity: number;
}

/** Organ blobs in fractions of the image: liver left of image (patient right), spleen right, etc. */
const BLOBS: Blob[] = [
  { id: 1, cx: 0.3, cy: 0.42, rx: 0.17, ry: 0.15, intensity: 0.55 }, // liver
  { id: 3, cx: 0.74, cy: 0.45, rx: 0.08, ry: 0.1, intensity: 0.6 }, // spleen
  { id: 2, cx: 0.33, cy: 0.66, rx: 0.06, ry: 0.08, intensity: 0.7 }, // right kidney
  { id: 13, cx: 0.67, cy: 0.66, rx: 0.06, ry: 0.08, intensity: 0.7 }, // left kidney
  { id: 5, cx: 0.53, cy: 0.6, rx: 0.025, ry: 0.025, intensity: 0.9 }, // aorta
  { id: 9, cx: 0.36, cy: 0.3, rx: 0.04, ry: 0.035, intensity: 0.85 }, // gallbladder
];

export function syntheticSlice(width = 128, height = 128, omit: number[] = []): SyntheticSlice {
  const pixels = new Float32Array(width * height);
  const labels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const v = (y + 0.5) / height;
      const i = y * width + x;
      const body = ((u - 0.5) / 0.45) ** 2 + ((v - 0.5) / 0.38) ** 2 <= 1;
      pixels[i] = body ? 0.3 + 0.02 * Math.sin(x * 0.7 + y * 0.3) : 0;
      if (!body) continue;
      for (const blob of BLOBS) {
        if (omit.includes(blob.id)) continue;
        if (((u - blob.cx) / blob.rx) ** 2 + ((v - blob.cy) / blob.ry) ** 2 <= 1) {
          pixels[i] = blob.intensity;
          labels[i] = blob.id;
        }
      }
    }
  }
  return { width, height, pixels, labels };
}

export async function slicePng(
  slice: SyntheticSlice,
  options: { channels?: 1 | 3 | 4; sixteenBit?: boolean } = {},
): Promise<Buffer> {
  const channels = options.channels ?? 1;
  const count = slice.width * slice.height;
  if (options.sixteenBit) {
    // A 16-bit PNG that only uses 0..4000, like a raw CT export: the decoder must stretch it.
    // Written by hand (big-endian samples, filter 0 rows) so the test controls every value.
    const rows = Buffer.alloc(slice.height * (1 + slice.width * 2));
    for (let y = 0; y < slice.height; y++) {
      const offset = y * (1 + slice.width * 2);
      for (let x = 0; x < slice.width; x++) {
        rows.writeUInt16BE(
          Math.round((slice.pixels[y * slice.width + x] as number) * 4000),
          offset + 1 + 2 * x,
        );
      }
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(slice.width, 0);
    ihdr.writeUInt32BE(slice.height, 4);
    ihdr[8] = 16;
    ihdr[9] = 0;
    return Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(rows)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
  }
  const data = Buffer.alloc(count * channels);
  for (let i = 0; i < count; i++) {
    const v = Math.round((slice.pixels[i] as number) * 255);
    for (let c = 0; c < channels; c++) data[i * channels + c] = c === 3 ? 255 : v;
  }
  return sharp(data, { raw: { width: slice.width, height: slice.height, channels } })
    .png()
    .toBuffer();
}

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export async function labelsPng(slice: SyntheticSlice): Promise<Buffer> {
  return sharp(Buffer.from(slice.labels), { raw: { width: slice.width, height: slice.height, channels: 1 } })
    .png()
    .toBuffer();
}

/**
 * Writes a NIfTI-1 file (float32 or uint8) with a given 4×4 affine as sform and x-fastest data.
 * `gzip` wraps it as `.nii.gz`.
 */
export function niftiBytes(
  data: Float32Array | Uint8Array,
  dims: number[],
  affine: number[],
  options: { gzip?: boolean; sclSlope?: number; sclInter?: number; bigEndian?: boolean } = {},
): Uint8Array {
  const le = !options.bigEndian;
  const isFloat = data instanceof Float32Array;
  const bytesPer = isFloat ? 4 : 1;
  const out = new Uint8Array(352 + data.length * bytesPer);
  const view = new DataView(out.buffer);
  view.setInt32(0, 348, le);
  view.setInt16(40, dims.length, le);
  dims.forEach((d, i) => {
    view.setInt16(42 + 2 * i, d, le);
  });
  for (let i = dims.length + 1; i < 8; i++) view.setInt16(40 + 2 * i, 1, le);
  view.setInt16(70, isFloat ? 16 : 2, le);
  view.setInt16(72, bytesPer * 8, le);
  view.setFloat32(76, 1, le);
  for (let i = 0; i < 3; i++) {
    const col = [affine[i] as number, affine[4 + i] as number, affine[8 + i] as number];
    view.setFloat32(80 + 4 * i, Math.hypot(...col), le);
  }
  view.setFloat32(108, 352, le);
  view.setFloat32(112, options.sclSlope ?? 1, le);
  view.setFloat32(116, options.sclInter ?? 0, le);
  view.setInt16(254, 1, le);
  for (let i = 0; i < 12; i++) view.setFloat32(280 + 4 * i, affine[i] as number, le);
  out.set([0x6e, 0x2b, 0x31, 0], 344);
  for (let i = 0; i < data.length; i++) {
    if (isFloat) view.setFloat32(352 + 4 * i, data[i] as number, le);
    else out[352 + i] = data[i] as number;
  }
  return options.gzip ? gzipSync(out) : out;
}

/**
 * Stacks a display slice into a volume stored in LPS-like order (x = patient left, y = posterior),
 * i.e. storage[x, y] = display[row = y, col = x] with affine diag(-1, -1, 1): the file's x axis
 * points to patient left, so the decoder must show storage column 0 (patient right) on image left.
 */
export function volumeFromSlices(slices: SyntheticSlice[]): {
  data: Float32Array;
  labels: Uint8Array;
  dims: number[];
} {
  const first = slices[0] as SyntheticSlice;
  const { width, height } = first;
  const data = new Float32Array(width * height * slices.length);
  const labels = new Uint8Array(width * height * slices.length);
  slices.forEach((s, k) => {
    data.set(s.pixels, k * width * height);
    labels.set(s.labels, k * width * height);
  });
  return { data, labels, dims: [width, height, slices.length] };
}
