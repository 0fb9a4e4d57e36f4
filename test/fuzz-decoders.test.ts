/**
 * Hostile and broken input for every decoder: seeded mutations (bit flips, byte runs, truncations,
 * boundary values in header fields, duplicated and cut-out spans) of fixtures made here, plus
 * crafted files (decompression bombs, 100k × 100k headers, negative sizes, NaN/Inf voxels, 4D
 * NIfTI, DICOM with odd VRs). Every case must end in an image whose slices read as [0, 1]
 * intensities or in a coded error, within a per-case limit, with bounded memory.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deflateSync, gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode } from '../src/errors.js';
import { decodeBytes } from '../src/pipeline/decode/index.js';
import type { DecodeOptions } from '../src/pipeline/decode/types.js';
import {
  abdomenHu,
  encodeJ2k,
  encodeJpegBaseline,
  encodeJpegLossless,
  encodeJpegLs,
  encodeRle,
  makeDicom,
  TS,
  toBuffer,
} from './helpers/dicom-fixtures.js';
import { FuzzTally, MUTATIONS, mutate, runDecodeCase, seededRandom } from './helpers/fuzz.js';
import { niftiBytes, pngChunk, slicePng, syntheticSlice } from './helpers/synthetic.js';

/** Per-case limit: generous for a loaded 2-core CI machine; a hung decoder blows far past it. */
const CASE_LIMIT_MS = 5000;
const MiB = 1024 * 1024;
/** Smaller than production so bombs are refused quickly, large enough for every fixture. */
const LIMITS: DecodeOptions = {
  ...DEFAULT_INPUT_LIMITS,
  maxBytes: 16 * MiB,
  maxPixels: 4_000_000,
  maxVoxels: 8_000_000,
};
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const SEED = 0x5eed_0008;

const tally = new FuzzTally();
let heapBefore = 0;
let heapPeak = 0;
let heapAfter = 0;

function heapNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * A full GC before each sample, so the numbers are live memory rather than garbage not yet
 * collected. `--expose-gc` is switched on here because the test runner's flags are not ours.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function collect(): void {
  gc();
}

interface Fixture {
  name: string;
  bytes: Uint8Array;
  /** Mutated copies made of it. */
  count: number;
  /** Where the format's header fields live (for 'field' mutations). */
  headerBytes?: number;
  /**
   * The format's signature bytes, put back in most cases so that most mutations reach the decoder
   * behind the sniffer instead of all ending as "format not recognised".
   */
  signature?: [start: number, end: number];
}

const fixtures: Fixture[] = [];

async function fuzzFixture(fixture: Fixture): Promise<void> {
  const random = seededRandom(SEED ^ hashName(fixture.name));
  for (let i = 0; i < fixture.count; i++) {
    const kind = MUTATIONS[i % MUTATIONS.length] ?? 'bitflip';
    const bytes = mutate(fixture.bytes, kind, random, fixture.headerBytes);
    const [start, end] = fixture.signature ?? [0, 4];
    if (random() < 0.85 && bytes.length >= end) bytes.set(fixture.bytes.subarray(start, end), start);
    const outcome = await runDecodeCase(
      `${fixture.name} #${i} ${kind}`,
      bytes,
      decodeBytes,
      LIMITS,
      CASE_LIMIT_MS,
    );
    tally.add(outcome);
    if (i % 50 === 0) {
      collect();
      heapPeak = Math.max(heapPeak, heapNow());
    }
  }
}

function hashName(name: string): number {
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h;
}

/** The bad cases of one group, readable in the assertion message. */
function badOf(prefix: string): string[] {
  return tally.bad.filter((o) => o.name.startsWith(prefix)).map((o) => `${o.name}: ${o.problem}`);
}

beforeAll(async () => {
  collect();
  heapBefore = heapNow();
  const slice = syntheticSlice(48, 48);
  const gray8 = Buffer.from(slice.pixels.map((v) => Math.round(v * 255)));
  const rows = 32;
  const cols = 32;
  const hu = abdomenHu(rows, cols);
  const stored = Uint16Array.from(hu, (v) => v + 1024);
  const gray = Uint8Array.from(hu, (v) => Math.max(0, Math.min(255, (v + 160) / 2)));
  const common = {
    rows,
    columns: cols,
    modality: 'CT',
    slope: 1,
    intercept: -1024,
    pixelSpacing: [0.8, 0.8] as [number, number],
    // A fixed UID: the fixture helper's default is random, which would make each run mutate
    // slightly different bytes and a failure impossible to repeat.
    sopInstanceUid: '2.25.4000',
  };
  const volume = new Float32Array(24 * 24 * 6).map((_, i) => (i % 97) / 97);
  const series = Object.fromEntries(
    [0, 1, 2].map((k) => [
      `series/IM${k}.dcm`,
      makeDicom({
        ...common,
        pixelData: toBuffer(stored),
        position: [0, 0, k * 2],
        orientation: [1, 0, 0, 0, 1, 0],
        instanceNumber: k + 1,
        sopInstanceUid: `2.25.400${k + 1}`,
      }),
    ]),
  );
  fixtures.push(
    { name: 'png8', bytes: await slicePng(slice), count: 220, headerBytes: 64 },
    { name: 'png-rgba', bytes: await slicePng(slice, { channels: 4 }), count: 60, headerBytes: 64 },
    { name: 'png16', bytes: await slicePng(slice, { sixteenBit: true }), count: 180, headerBytes: 64 },
    {
      name: 'jpeg',
      bytes: await sharp(gray8, { raw: { width: 48, height: 48, channels: 1 } })
        .jpeg()
        .toBuffer(),
      count: 180,
      headerBytes: 256,
    },
    {
      name: 'webp',
      bytes: await sharp(gray8, { raw: { width: 48, height: 48, channels: 1 } })
        .webp()
        .toBuffer(),
      count: 120,
      headerBytes: 64,
      signature: [0, 12],
    },
    {
      name: 'dicom-explicit-le',
      bytes: makeDicom({ ...common, pixelData: toBuffer(stored) }),
      count: 200,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-implicit-le',
      bytes: makeDicom({ ...common, pixelData: toBuffer(stored), transferSyntax: TS.implicitLE }),
      count: 80,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-explicit-be',
      bytes: makeDicom({ ...common, pixelData: toBuffer(stored), transferSyntax: TS.explicitBE }),
      count: 60,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-deflated',
      bytes: makeDicom({ ...common, pixelData: toBuffer(stored), transferSyntax: TS.deflated }),
      count: 100,
      headerBytes: 400,
      signature: [128, 132],
    },
    {
      name: 'dicom-rle',
      bytes: makeDicom({ ...common, pixelData: [encodeRle(stored, rows * cols, 1)], transferSyntax: TS.rle }),
      count: 90,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-jpeg-lossless',
      bytes: makeDicom({
        ...common,
        pixelData: [encodeJpegLossless(stored, cols, rows)],
        transferSyntax: TS.jpegLosslessSv1,
      }),
      count: 90,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-jpeg-ls',
      bytes: makeDicom({
        ...common,
        pixelData: [await encodeJpegLs(stored, cols, rows)],
        transferSyntax: TS.jpegLs,
      }),
      count: 90,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-j2k',
      bytes: makeDicom({
        ...common,
        pixelData: [await encodeJ2k(stored, cols, rows)],
        transferSyntax: TS.j2kLossless,
      }),
      count: 90,
      headerBytes: 900,
      signature: [128, 132],
    },
    {
      name: 'dicom-jpeg-baseline',
      bytes: makeDicom({
        ...common,
        bitsAllocated: 8,
        slope: undefined,
        intercept: undefined,
        pixelData: [await encodeJpegBaseline(gray, cols, rows, 1)],
        transferSyntax: TS.jpegBaseline,
      }),
      count: 90,
      headerBytes: 900,
      signature: [128, 132],
    },
    { name: 'nifti', bytes: niftiBytes(volume, [24, 24, 6], IDENTITY), count: 220, headerBytes: 352 },
    {
      name: 'nifti-gz',
      bytes: niftiBytes(volume, [24, 24, 6], IDENTITY, { gzip: true }),
      count: 140,
      headerBytes: 64,
    },
    { name: 'zip-series', bytes: zipSync(series, { level: 1 }), count: 140, headerBytes: 200 },
  );
}, 60_000);

afterAll(() => {
  // One line CI keeps: the issue asks for the count and the worst time.
  console.log(
    `[fuzz-decoders] ${tally.summary()}; live heap growth peak ${((heapPeak - heapBefore) / MiB).toFixed(0)} MB, after ${((heapAfter - heapBefore) / MiB).toFixed(0)} MB; process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
});

describe('decoders under mutated input', () => {
  for (const group of ['png', 'jpeg', 'webp', 'dicom', 'nifti', 'zip']) {
    it(`${group}: every mutated file decodes to [0, 1] slices or fails with a coded error in time`, async () => {
      for (const fixture of fixtures.filter((f) => f.name.startsWith(group))) {
        // The fixture itself must decode, else the mutations test nothing.
        const clean = await runDecodeCase(
          `${fixture.name} clean`,
          fixture.bytes,
          decodeBytes,
          LIMITS,
          CASE_LIMIT_MS,
        );
        expect(clean, fixture.name).toMatchObject({ result: 'ok' });
        await fuzzFixture(fixture);
      }
      expect(badOf(group)).toEqual([]);
    }, 120_000);
  }
});

// --- Crafted cases --------------------------------------------------------------------------------

function png(width: number, height: number, idat: Buffer, bitDepth = 8): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width >>> 0, 0);
  ihdr.writeUInt32BE(height >>> 0, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG with its SOF0 frame size rewritten. */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer(),
  );
  for (let i = 2; i + 9 < jpeg.length; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
  }
  throw new Error('fixture: no SOF0 marker');
}

function niftiWith(
  edit: (view: DataView) => void,
  data: Float32Array | Uint8Array = new Float32Array(8 * 8 * 4),
  dims = [8, 8, 4],
) {
  const nii = niftiBytes(data, dims, IDENTITY);
  edit(new DataView(nii.buffer, nii.byteOffset));
  return nii;
}

/** Rewrites the VR (and keeps the 2-byte length) of the first explicit-VR element with `tag`. */
function withVr(file: Uint8Array, group: number, element: number, vr: string): Uint8Array {
  const out = file.slice();
  for (let i = 132; i + 8 < out.length; i++) {
    if (
      out[i] === (group & 0xff) &&
      out[i + 1] === group >> 8 &&
      out[i + 2] === (element & 0xff) &&
      out[i + 3] === element >> 8
    ) {
      out[i + 4] = vr.charCodeAt(0);
      out[i + 5] = vr.charCodeAt(1);
      return out;
    }
  }
  throw new Error('fixture: tag not found');
}

/** Sets the explicit-VR 16-bit length of the first element with `tag` (0xffff = huge). */
function withLength(file: Uint8Array, group: number, element: number, length: number): Uint8Array {
  const out = file.slice();
  for (let i = 132; i + 8 < out.length; i++) {
    if (
      out[i] === (group & 0xff) &&
      out[i + 1] === group >> 8 &&
      out[i + 2] === (element & 0xff) &&
      out[i + 3] === element >> 8
    ) {
      new DataView(out.buffer).setUint16(i + 6, length, true);
      return out;
    }
  }
  throw new Error('fixture: tag not found');
}

/** Rewrites every uncompressed-size field (local headers and central directory) to 100 bytes. */
function understateZipSizes(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && i + 26 <= out.length) view.setUint32(i + 22, 100, true);
    if (signature === 0x02014b50 && i + 28 <= out.length) view.setUint32(i + 24, 100, true);
  }
  return out;
}

describe('crafted hostile files', () => {
  it('each ends in the expected answer or coded error, in time', async () => {
    const stored = Uint16Array.from(abdomenHu(16, 16), (v) => v + 1024);
    const dicom = (o: Partial<Parameters<typeof makeDicom>[0]> = {}) =>
      makeDicom({ rows: 16, columns: 16, pixelData: toBuffer(stored), modality: 'CT', ...o });
    const nanVoxels = new Float32Array(8 * 8 * 4).map(
      (_, i) => [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5][i % 4] as number,
    );
    const sixtyFourMiB = new Uint8Array(64 * MiB);
    const cases: Array<{
      name: string;
      bytes: Uint8Array;
      expect: 'ok' | ErrorCode | Array<'ok' | ErrorCode>;
    }> = [
      {
        name: 'png 100k×100k header',
        bytes: png(100_000, 100_000, deflateSync(Buffer.alloc(1000))),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'png 20k×20k zero bomb',
        bytes: png(20_000, 20_000, deflateSync(Buffer.alloc(4 * MiB))),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'png negative width',
        bytes: png(-5, 64, deflateSync(Buffer.alloc(65 * 64))),
        expect: [ErrorCode.InputCorrupt, ErrorCode.InputTooLarge],
      },
      {
        name: 'png zero size',
        bytes: png(0, 0, deflateSync(Buffer.alloc(1))),
        expect: ErrorCode.InputCorrupt,
      },
      {
        name: 'png IDAT short for its size',
        bytes: png(512, 512, deflateSync(Buffer.alloc(100))),
        expect: ErrorCode.InputCorrupt,
      },
      {
        name: 'jpeg claiming 65535×65535',
        bytes: await jpegClaiming(65_535, 65_535),
        expect: [ErrorCode.InputTooLarge, ErrorCode.InputCorrupt],
      },
      { name: 'jpeg claiming 0×0', bytes: await jpegClaiming(0, 0), expect: ErrorCode.InputCorrupt },
      {
        name: 'dicom 65535×65535',
        bytes: dicom({ rows: 65_535, columns: 65_535 }),
        expect: ErrorCode.InputTooLarge,
      },
      { name: 'dicom 0×16', bytes: dicom({ rows: 0 }), expect: ErrorCode.InputCorrupt },
      {
        name: 'dicom 100k frames',
        bytes: dicom({ numberOfFrames: 100_000 }),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'dicom frames claimed but missing',
        bytes: dicom({ numberOfFrames: 3 }),
        expect: ErrorCode.InputCorrupt,
      },
      {
        name: 'dicom 12-bit allocated',
        bytes: dicom({ bitsAllocated: 12 }),
        expect: ErrorCode.InputUnsupportedFormat,
      },
      {
        name: 'dicom 4 samples per pixel',
        bytes: dicom({ samplesPerPixel: 4 }),
        expect: [ErrorCode.InputUnsupportedFormat, ErrorCode.InputCorrupt],
      },
      {
        name: 'dicom no pixel data',
        bytes: dicom({ omitPixelData: true }),
        expect: ErrorCode.DicomNoPixelData,
      },
      {
        name: 'dicom Rows as UN',
        bytes: withVr(dicom(), 0x0028, 0x0010, 'UN'),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'dicom Rows with VR "ZZ"',
        bytes: withVr(dicom(), 0x0028, 0x0010, 'ZZ'),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'dicom Modality as SQ',
        bytes: withVr(dicom(), 0x0008, 0x0060, 'SQ'),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'dicom PatientName as OB',
        bytes: withVr(dicom(), 0x0010, 0x0010, 'OB'),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'dicom Columns length 0xffff',
        bytes: withLength(dicom(), 0x0028, 0x0011, 0xffff),
        expect: ErrorCode.InputCorrupt,
      },
      { name: 'dicom Rescale Slope NaN text', bytes: dicom({ slope: Number.NaN }), expect: 'ok' },
      { name: 'dicom window width 0', bytes: dicom({ windowCenter: 40, windowWidth: 0 }), expect: 'ok' },
      {
        name: 'dicom unknown transfer syntax',
        bytes: dicom({ transferSyntax: '1.2.3.4.5.6' }),
        expect: ErrorCode.DicomUnsupportedTransferSyntax,
      },
      {
        // 16 MiB of zero pixels deflate to a few KB; the inflater must stop at the byte limit.
        name: 'dicom deflated bomb',
        bytes: makeDicom({
          rows: 4096,
          columns: 4096,
          bitsAllocated: 8,
          pixelData: new ArrayBuffer(4096 * 4096),
          transferSyntax: TS.deflated,
        }),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'nifti negative dim',
        bytes: niftiWith((v) => v.setInt16(42, -8, true)),
        expect: ErrorCode.InputCorrupt,
      },
      {
        name: 'nifti 32767³',
        bytes: niftiWith((v) => {
          for (const offset of [42, 44, 46]) v.setInt16(offset, 32_767, true);
        }),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'nifti ndim 0',
        bytes: niftiWith((v) => v.setInt16(40, 0, true)),
        expect: ErrorCode.InputCorrupt,
      },
      {
        name: 'nifti ndim 9',
        bytes: niftiWith((v) => v.setInt16(40, 9, true)),
        expect: ErrorCode.InputCorrupt,
      },
      { name: 'nifti NaN/Inf voxels', bytes: niftiBytes(nanVoxels, [8, 8, 4], IDENTITY), expect: 'ok' },
      {
        name: 'nifti 4D (3 volumes)',
        bytes: niftiBytes(new Float32Array(8 * 8 * 4 * 3).fill(0.25), [8, 8, 4, 3], IDENTITY),
        expect: ['ok', ErrorCode.InputUnsupportedFormat],
      },
      {
        name: 'nifti scl_slope Inf',
        bytes: niftiWith((v) => v.setFloat32(112, Number.POSITIVE_INFINITY, true)),
        expect: 'ok',
      },
      {
        name: 'nifti scl_slope NaN',
        bytes: niftiWith((v) => v.setFloat32(112, Number.NaN, true)),
        expect: 'ok',
      },
      {
        name: 'nifti pixdim NaN',
        bytes: niftiWith((v) => v.setFloat32(80, Number.NaN, true)),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'nifti sform with NaN',
        bytes: niftiWith((v) => v.setFloat32(280, Number.NaN, true)),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'nifti vox_offset past the end',
        bytes: niftiWith((v) => v.setFloat32(108, 1e9, true)),
        expect: ErrorCode.InputCorrupt,
      },
      // Read as "data right after the header", as for vox_offset 0.
      {
        name: 'nifti vox_offset negative',
        bytes: niftiWith((v) => v.setFloat32(108, -352, true)),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'nifti unknown datatype',
        bytes: niftiWith((v) => v.setInt16(70, 1234, true)),
        expect: [ErrorCode.InputUnsupportedFormat, ErrorCode.InputCorrupt],
      },
      {
        name: 'nifti bitpix contradicts datatype',
        bytes: niftiWith((v) => v.setInt16(72, 64, true)),
        expect: ['ok', ErrorCode.InputCorrupt],
      },
      {
        name: 'nifti.gz bomb (64 MiB of zeros after a small header)',
        bytes: gzipSync(
          Buffer.concat([
            Buffer.from(niftiBytes(new Uint8Array(8), [2, 2, 2], IDENTITY)),
            Buffer.from(sixtyFourMiB),
          ]),
        ),
        expect: [ErrorCode.InputTooLarge, 'ok'],
      },
      {
        name: 'zip bomb (one 64 MiB entry)',
        bytes: zipSync({ 'IM0.dcm': sixtyFourMiB }, { level: 9 }),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'zip that understates its entry size (64 MiB declared as 100 bytes)',
        bytes: understateZipSizes(zipSync({ 'IM0.dcm': sixtyFourMiB }, { level: 9 })),
        // Unpacked only as far as declared: 100 bytes of zeros, which are no DICOM file.
        expect: [ErrorCode.InputCorrupt, ErrorCode.InputTooLarge, ErrorCode.InputUnsupportedFormat],
      },
      {
        name: 'zip with 5000 entries',
        bytes: zipSync(
          Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}.dcm`, new Uint8Array(1)])),
          { level: 0 },
        ),
        expect: ErrorCode.InputTooLarge,
      },
      {
        name: 'zip of text files',
        bytes: zipSync({ 'notes.txt': new TextEncoder().encode('hello') }),
        expect: [ErrorCode.InputUnsupportedFormat, ErrorCode.InputEmpty],
      },
      {
        name: 'zip with path traversal names',
        bytes: zipSync({ '../../etc/IM0.dcm': dicom() }),
        expect: ['ok'],
      },
      {
        name: 'empty zip',
        bytes: zipSync({}),
        expect: [ErrorCode.InputUnsupportedFormat, ErrorCode.InputEmpty, ErrorCode.InputCorrupt],
      },
    ];
    const unexpected: string[] = [];
    for (const c of cases) {
      const outcome = await runDecodeCase(`crafted: ${c.name}`, c.bytes, decodeBytes, LIMITS, CASE_LIMIT_MS);
      tally.add(outcome);
      const got = outcome.result === 'ok' ? 'ok' : outcome.code;
      const allowed = Array.isArray(c.expect) ? c.expect : [c.expect];
      if (outcome.result === 'bad' || !allowed.includes(got as ErrorCode)) {
        unexpected.push(`${c.name}: ${outcome.result} ${outcome.code ?? ''} ${outcome.problem ?? ''}`.trim());
      }
    }
    expect(unexpected).toEqual([]);
  }, 60_000);

  it('memory stays bounded over the whole run, and nothing is retained after it', async () => {
    // Array buffer backing stores are freed by tasks that run after a collection: let them.
    for (let i = 0; i < 3; i++) {
      collect();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    heapAfter = heapNow();
    heapPeak = Math.max(heapPeak, heapAfter);
    expect(tally.count).toBeGreaterThanOrEqual(2000);
    expect((heapPeak - heapBefore) / MiB).toBeLessThan(300);
    expect((heapAfter - heapBefore) / MiB).toBeLessThan(64);
  });
});

describe('the fuzz harness itself', () => {
  it('reports an uncoded throw, a hung decoder and NaN pixels as bad', async () => {
    const throwsPlain = async () => {
      throw new TypeError('Cannot read properties of undefined');
    };
    const hangs = () => new Promise<never>(() => {});
    const nanSlice = async () => ({
      format: 'png' as const,
      modality: 'unknown' as const,
      sliceCount: 1,
      defaultSlice: 0,
      slice: () => ({ width: 1, height: 1, pixels: Float32Array.of(Number.NaN) }),
      storage: { kind: 'plane' as const, width: 1, height: 1 },
      description: 'test',
    });
    const bytes = new Uint8Array(4);
    expect((await runDecodeCase('plain', bytes, throwsPlain, LIMITS, 1000)).result).toBe('bad');
    expect((await runDecodeCase('hung', bytes, hangs, LIMITS, 50)).problem).toMatch(/no answer within 50 ms/);
    expect((await runDecodeCase('nan', bytes, nanSlice, LIMITS, 1000)).problem).toMatch(/pixel 0 is NaN/);
  });
});
