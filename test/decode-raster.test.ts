import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode } from '../src/errors.js';
import { decodeBytes, sniffFormat } from '../src/pipeline/decode/index.js';
import { slicePng, syntheticSlice } from './helpers/synthetic.js';

const limits = DEFAULT_INPUT_LIMITS;

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

describe('raster decoding', () => {
  const slice = syntheticSlice(96, 80);

  it.each([
    ['8-bit gray PNG', { channels: 1 as const }],
    ['RGB PNG', { channels: 3 as const }],
    ['RGBA PNG', { channels: 4 as const }],
  ])('reads a %s at its own size with the original intensities', async (_name, options) => {
    const image = await decodeBytes(await slicePng(slice, options), limits);
    expect(image.format).toBe('png');
    expect(image.sliceCount).toBe(1);
    const decoded = image.slice(0);
    expect([decoded.width, decoded.height]).toEqual([96, 80]);
    expect(meanAbsDiff(decoded.pixels, slice.pixels)).toBeLessThan(0.01);
  });

  it('stretches a 16-bit PNG that uses only part of its range', async () => {
    const image = await decodeBytes(await slicePng(slice, { sixteenBit: true }), limits);
    const decoded = image.slice(0);
    expect(image.description).toContain('16-bit');
    expect(Math.max(...decoded.pixels)).toBeGreaterThan(0.95);
    // Organs stay brighter than the body background after stretching.
    const liver = decoded.pixels[slice.labels.indexOf(1)] as number;
    const outside = decoded.pixels[0] as number;
    expect(liver).toBeGreaterThan(outside + 0.3);
  });

  it('reads JPEG and WebP screenshots', async () => {
    const png = await slicePng(slice, { channels: 3 });
    for (const [format, bytes] of [
      ['jpeg', await sharp(png).jpeg({ quality: 95 }).toBuffer()],
      ['webp', await sharp(png).webp({ quality: 95 }).toBuffer()],
    ] as const) {
      const image = await decodeBytes(bytes, limits);
      expect(image.format).toBe(format);
      expect(meanAbsDiff(image.slice(0).pixels, slice.pixels)).toBeLessThan(0.03);
    }
  });

  it('refuses a second slice of a 2D image with a coded error', async () => {
    const image = await decodeBytes(await slicePng(slice), limits);
    expect(() => image.slice(1)).toThrowError(expect.objectContaining({ code: ErrorCode.SliceOutOfRange }));
  });

  it('sniffs formats from bytes, not names', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7 ...'))).toBe('pdf');
    expect(sniffFormat(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42')]))).toBe('video');
    expect(sniffFormat(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2]))).toBe('video');
    expect(sniffFormat(Buffer.from('hello world'))).toBe('unknown');
  });
});
