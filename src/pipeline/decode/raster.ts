/**
 * PNG / JPEG / WebP / GIF / TIFF slices: screenshots from a viewer or a phone photo of a screen.
 * Colour is reduced to luminance, transparency is flattened onto black (viewers draw on black).
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { ErrorCode, InputError } from '../../errors.js';
import type { DecodedImage, DecodeOptions, ImageFormat, Slice } from './types.js';

const SHARP_FORMATS: Record<string, ImageFormat> = {
  png: 'png',
  jpeg: 'jpeg',
  webp: 'webp',
  gif: 'gif',
  tiff: 'tiff',
};

export async function decodeRaster(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  // limitInputPixels makes libvips refuse a decompression bomb from its header, before decoding.
  const input = () => sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'error', animated: false });
  let metadata: Metadata;
  try {
    // Header only: the size check below runs before any pixel is decoded.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new InputError(
      ErrorCode.InputCorrupt,
      'This image file could not be read: it looks damaged or truncated.',
      {
        cause: error,
        detail: error instanceof Error ? error.message : undefined,
      },
    );
  }
  const format = SHARP_FORMATS[metadata.format ?? ''];
  if (!format) {
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      `Images in ${metadata.format ?? 'this'} format are not supported. Please send PNG, JPEG, WebP, DICOM or NIfTI.`,
    );
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw new InputError(ErrorCode.InputCorrupt, 'This image has no pixels.');
  }
  if (width * height > options.maxPixels) {
    throw new InputError(
      ErrorCode.InputTooLarge,
      `This image is ${width}×${height} pixels, larger than the ${options.maxPixels.toLocaleString('en')} pixel limit. Please send a single slice at its native size.`,
    );
  }
  const sixteenBit = metadata.depth === 'ushort';
  let raw: { data: Buffer; info: OutputInfo };
  try {
    raw = await input()
      .rotate() // honour EXIF orientation of phone photos
      .flatten({ background: '#000000' })
      .toColourspace(sixteenBit ? 'grey16' : 'b-w')
      .raw({ depth: sixteenBit ? 'ushort' : 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new InputError(
      ErrorCode.InputCorrupt,
      'This image file could not be decoded: it looks damaged or truncated.',
      {
        cause: error,
        detail: error instanceof Error ? error.message : undefined,
      },
    );
  }
  const { info, data } = raw;
  const count = info.width * info.height;
  const pixels = new Float32Array(count);
  const channels = info.channels;
  if (sixteenBit) {
    const values = new Uint16Array(data.buffer, data.byteOffset, count * channels);
    // 16-bit medical PNGs rarely span 0..65535: stretch their own range so anatomy is visible.
    const gray = new Float32Array(count);
    for (let i = 0; i < count; i++) gray[i] = values[i * channels] ?? 0;
    const [low, high] = percentileRange(gray, 0.005, 0.995);
    const span = high > low ? high - low : 1;
    for (let i = 0; i < count; i++) pixels[i] = clamp01(((gray[i] ?? 0) - low) / span);
  } else {
    for (let i = 0; i < count; i++) pixels[i] = (data[i * channels] ?? 0) / 255;
  }
  const slice: Slice = { width: info.width, height: info.height, pixels };
  const colour = (metadata.channels ?? 1) >= 3 ? 'colour' : 'gray';
  return {
    format,
    modality: 'unknown',
    sliceCount: 1,
    defaultSlice: 0,
    slice: (index) => singleSlice(slice, index),
    storage: { kind: 'plane', width: info.width, height: info.height },
    description: `${format.toUpperCase()} ${info.width}×${info.height} ${sixteenBit ? '16-bit' : '8-bit'} ${colour}`,
  };
}

export function singleSlice(slice: Slice, index: number): Slice {
  if (index !== 0) {
    throw new InputError(
      ErrorCode.SliceOutOfRange,
      `This image has a single slice; slice ${index + 1} does not exist.`,
    );
  }
  return slice;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * The values at two quantiles of `values` (NaN and infinities ignored), from a 4096-bin histogram
 * between the minimum and maximum: exact to 1/4096 of the range, linear time, no sort, so large
 * slices and volumes stay fast.
 */
export function percentileRange(values: ArrayLike<number>, lowQ: number, highQ: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
  }
  if (n === 0) return [0, 0];
  if (max === min) return [min, max];
  const bins = 4096;
  const histogram = new Uint32Array(bins);
  const scale = (bins - 1) / (max - min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) histogram[Math.floor((v - min) * scale)]++;
  }
  const at = (q: number) => {
    const rank = q * (n - 1);
    let seen = 0;
    for (let b = 0; b < bins; b++) {
      seen += histogram[b] as number;
      if (seen > rank) return min + b / scale;
    }
    return max;
  };
  return [at(lowQ), at(highQ)];
}
