import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode, isCodedError } from '../src/errors.js';
import { decodeBytes, decodePath } from '../src/pipeline/decode/index.js';
import { niftiBytes, pngChunk, slicePng, syntheticSlice } from './helpers/synthetic.js';

const limits = DEFAULT_INPUT_LIMITS;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isCodedError(error)).toBe(true);
    const coded = error as { code: string; userMessage: string };
    expect(coded.userMessage).not.toMatch(/at .*\.ts:\d+/); // no stack traces for users
    return coded.code;
  }
  throw new Error('expected a coded error');
}

/** A valid PNG that claims 100,000 × 100,000 pixels (a decompression bomb). */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1000))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('bad input gets a clear coded error', () => {
  it('zero bytes', async () => {
    expect(await codeOf(decodeBytes(new Uint8Array(0), limits))).toBe(ErrorCode.InputEmpty);
  });

  it('a PDF and a video are refused as unsupported', async () => {
    expect(await codeOf(decodeBytes(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'), limits))).toBe(
      ErrorCode.InputUnsupportedFormat,
    );
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(64)]);
    expect(await codeOf(decodeBytes(mp4, limits))).toBe(ErrorCode.InputUnsupportedFormat);
  });

  it('random bytes are not recognised', async () => {
    expect(await codeOf(decodeBytes(Buffer.from('just some text, not an image'), limits))).toBe(
      ErrorCode.InputUnsupportedFormat,
    );
  });

  it('a truncated PNG is reported as damaged', async () => {
    const png = await slicePng(syntheticSlice(64, 64));
    for (const cut of [16, 40, Math.floor(png.length / 2), png.length - 13]) {
      expect(await codeOf(decodeBytes(png.subarray(0, cut), limits))).toBe(ErrorCode.InputCorrupt);
    }
  });

  it('a 100k × 100k PNG header is refused before decoding', async () => {
    expect(await codeOf(decodeBytes(bombPng(), limits))).toBe(ErrorCode.InputTooLarge);
  });

  it('an image over the configured pixel limit is refused as too large', async () => {
    const png = await slicePng(syntheticSlice(64, 64));
    expect(await codeOf(decodeBytes(png, { ...limits, maxPixels: 1000 }))).toBe(ErrorCode.InputTooLarge);
  });

  it('a file over the byte limit is refused', async () => {
    const png = await slicePng(syntheticSlice(64, 64));
    expect(await codeOf(decodeBytes(png, { ...limits, maxBytes: 100 }))).toBe(ErrorCode.InputTooLarge);
  });

  it('a gzip bomb posing as NIfTI is stopped by the size cap', async () => {
    const data = new Uint8Array(64 * 64 * 64);
    const nii = niftiBytes(data, [64, 64, 64], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const bomb = gzipSync(Buffer.concat([Buffer.from(nii), Buffer.alloc(8 * 1024 * 1024)]));
    expect(await codeOf(decodeBytes(bomb, { ...limits, maxBytes: 1024 * 1024, maxVoxels: 100_000 }))).toBe(
      ErrorCode.InputTooLarge,
    );
  });

  it('a NIfTI volume over the voxel limit is refused', async () => {
    const nii = niftiBytes(
      new Uint8Array(32 * 32 * 32),
      [32, 32, 32],
      [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    );
    expect(await codeOf(decodeBytes(nii, { ...limits, maxVoxels: 1000 }))).toBe(ErrorCode.InputTooLarge);
  });

  it('a truncated NIfTI is reported as damaged', async () => {
    const nii = niftiBytes(
      new Float32Array(16 * 16 * 4),
      [16, 16, 4],
      [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    );
    expect(await codeOf(decodeBytes(nii.subarray(0, 1000), limits))).toBe(ErrorCode.InputCorrupt);
    const gz = gzipSync(nii);
    expect(await codeOf(decodeBytes(gz.subarray(0, gz.length - 40), limits))).toBe(ErrorCode.InputCorrupt);
  });

  it('a NIfTI header with negative dimensions is refused', async () => {
    const nii = niftiBytes(new Uint8Array(8), [2, 2, 2], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    new DataView(nii.buffer).setInt16(42, -5, true);
    expect(await codeOf(decodeBytes(nii, limits))).toBe(ErrorCode.InputCorrupt);
  });

  it('a missing path and an empty folder are reported', async () => {
    expect(await codeOf(decodePath('/nonexistent/slice.png', limits))).toBe(ErrorCode.InputNotFound);
    const dir = mkdtempSync(join(tmpdir(), 'organ-seg-empty-'));
    expect(await codeOf(decodePath(dir, limits))).toBe(ErrorCode.InputEmpty);
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(await codeOf(decodePath(dir, limits))).toBe(ErrorCode.InputUnsupportedFormat);
  });
});
