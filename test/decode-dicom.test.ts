import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import {
  decodeDicomFile,
  decodeDicomSeries,
  decodeDicomZip,
  deidentifyDicom,
  isDicom,
} from '../src/pipeline/decode/dicom.js';
import { decodeCompressedFrame } from '../src/pipeline/decode/dicom-codecs.js';
import type { DecodedImage, DecodeOptions } from '../src/pipeline/decode/types.js';
import {
  abdomenHu,
  encodeJ2k,
  encodeJpegBaseline,
  encodeJpegLossless,
  encodeJpegLs,
  encodeRle,
  type FixtureOptions,
  makeDicom,
  PATIENT_NAME,
  PRIVATE_TEXT,
  TS,
  toBuffer,
  zipFiles,
} from './helpers/dicom-fixtures.js';

const options: DecodeOptions = { maxBytes: 64 << 20, maxPixels: 4_000_000, maxVoxels: 20_000_000 };
const ROWS = 48;
const COLS = 64;

/** Index of the first pixel whose HU equals `value` in the synthetic abdomen. */
function pixelWithHu(hu: Int16Array, value: number): number {
  const index = hu.indexOf(value);
  if (index < 0) throw new Error(`fixture has no ${value} HU pixel`);
  return index;
}

/** DICOM linear window, PS3.3 C.11.2.1.2.1, for checking numbers independently of the decoder. */
function expectedWindowed(x: number, center: number, width: number): number {
  return Math.min(1, Math.max(0, (x - (center - 0.5)) / (width - 1) + 0.5));
}

const hu = abdomenHu(ROWS, COLS);
/** CT stored as unsigned (HU + 1024): the usual slope 1, intercept −1024 encoding. */
const ctStored = Uint16Array.from(hu, (v) => v + 1024);

function ctFixture(extra: Partial<FixtureOptions> = {}): FixtureOptions {
  return {
    rows: ROWS,
    columns: COLS,
    pixelData: toBuffer(ctStored),
    slope: 1,
    intercept: -1024,
    windowCenter: [40, -600],
    windowWidth: [400, 1500],
    pixelSpacing: [0.8, 0.7],
    ...extra,
  };
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode | ErrorCode[]): Promise<void> {
  const codes = Array.isArray(code) ? code : [code];
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected rejection with ${codes.join(' or ')}`).toBeInstanceOf(Error);
  expect(codes).toContain((error as { code?: string }).code);
  expect((error as Error).name).toBe('InputError');
}

function pixels(image: DecodedImage, index = 0): Float32Array {
  return image.slice(index).pixels;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

describe('isDicom', () => {
  it('recognises Part 10 files and bare data sets, and nothing else', () => {
    const file = makeDicom(ctFixture());
    expect(isDicom(file)).toBe(true);
    expect(isDicom(new Uint8Array(0))).toBe(false);
    expect(isDicom(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))).toBe(
      false,
    );
    expect(isDicom(new Uint8Array(300))).toBe(false);
    const metaEnd = 144 + new DataView(file.buffer, file.byteOffset).getUint32(140, true);
    expect(isDicom(file.subarray(metaEnd))).toBe(true);
  });
});

describe('decodeDicomFile: native pixel data', () => {
  it('reads a damaged pixel spacing with one value instead of two as no spacing, not a crash', async () => {
    const bytes = makeDicom(ctFixture());
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.indexOf('0.8\\0.7');
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = 0x20; // "0.8 0.7": one value where two belong
    const image = await decodeDicomFile(bytes, options);
    expect(image.slice(0).pixelSpacingMm).toBeUndefined();
  });

  it('maps Hounsfield units through the file window (first of several values) into [0, 1]', async () => {
    const image = await decodeDicomFile(makeDicom(ctFixture()), options);
    expect(image.format).toBe('dicom');
    expect(image.modality).toBe('CT');
    expect(image.sliceCount).toBe(1);
    expect(image.storage).toEqual({ kind: 'plane', width: COLS, height: ROWS });
    const slice = image.slice(0);
    expect([slice.width, slice.height]).toEqual([COLS, ROWS]);
    expect(slice.pixelSpacingMm).toEqual([0.8, 0.7]);
    for (const value of [-1000, -100, 40, 60, 700]) {
      expect(slice.pixels[pixelWithHu(hu, value)]).toBeCloseTo(expectedWindowed(value, 40, 400), 4);
    }
    expect(slice.pixels[pixelWithHu(hu, 40)]).toBeCloseTo(0.5, 2);
    expect(image.description).toBe('DICOM CT 64×48 (Explicit VR Little Endian)');
  });

  it('applies a non-unit rescale slope before windowing', async () => {
    const stored = Uint16Array.from(hu, (v) => (v + 1024) * 2);
    const image = await decodeDicomFile(
      makeDicom(ctFixture({ pixelData: toBuffer(stored), slope: 0.5 })),
      options,
    );
    expect(pixels(image)[pixelWithHu(hu, 60)]).toBeCloseTo(expectedWindowed(60, 40, 400), 4);
  });

  it('uses the abdomen window (40/400) for CT without one, with signed pixels', async () => {
    const file = makeDicom(
      ctFixture({
        pixelData: toBuffer(hu),
        pixelRepresentation: 1,
        intercept: 0,
        windowCenter: undefined,
        windowWidth: undefined,
      }),
    );
    const out = pixels(await decodeDicomFile(file, options));
    expect(out[pixelWithHu(hu, -100)]).toBeCloseTo(expectedWindowed(-100, 40, 400), 4);
    expect(out[pixelWithHu(hu, 700)]).toBe(1);
    expect(out[pixelWithHu(hu, -1000)]).toBe(0);
  });

  it('masks to BitsStored and sign-extends 12-bit signed values with junk in the high bits', async () => {
    // 12-bit two's complement HU with the top nibble set (as overlay bits would be).
    const stored = Uint16Array.from(hu, (v) => (v & 0x0fff) | 0xf000);
    const file = makeDicom(
      ctFixture({ pixelData: toBuffer(stored), bitsStored: 12, pixelRepresentation: 1, intercept: 0 }),
    );
    const out = pixels(await decodeDicomFile(file, options));
    expect(out[pixelWithHu(hu, -100)]).toBeCloseTo(expectedWindowed(-100, 40, 400), 4);
    expect(out[pixelWithHu(hu, 60)]).toBeCloseTo(expectedWindowed(60, 40, 400), 4);
  });

  it('inverts MONOCHROME1 so air is white and bone black', async () => {
    const out = pixels(await decodeDicomFile(makeDicom(ctFixture({ photometric: 'MONOCHROME1' })), options));
    expect(out[pixelWithHu(hu, -1000)]).toBe(1);
    expect(out[pixelWithHu(hu, 700)]).toBe(0);
    expect(out[pixelWithHu(hu, 60)]).toBeCloseTo(1 - expectedWindowed(60, 40, 400), 4);
  });

  it('windows an 8-bit MR between its 0.5th and 99.5th percentiles', async () => {
    const mr = Uint8Array.from({ length: ROWS * COLS }, (_, i) => Math.floor((i * 256) / (ROWS * COLS)));
    mr[0] = 255; // one bright outlier must not compress the rest of the range
    const image = await decodeDicomFile(
      makeDicom({ rows: ROWS, columns: COLS, pixelData: toBuffer(mr), bitsAllocated: 8, modality: 'MR' }),
      options,
    );
    expect(image.modality).toBe('MR');
    const out = pixels(image);
    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBe(1);
    expect(out[(ROWS * COLS) / 2]).toBeCloseTo(0.5, 1);
    for (let i = 2; i < out.length; i++) expect(out[i] ?? 0).toBeGreaterThanOrEqual(out[i - 1] ?? 0);
    expect(image.description).toBe('DICOM MR 64×48 (Explicit VR Little Endian)');
  });

  it.each([0, 1] as const)('converts RGB (planar configuration %i) to gray', async (planar) => {
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [128, 128, 128],
      [0, 0, 0],
    ];
    const rgb = new Uint8Array(4 * 3);
    colours.forEach((c, p) => {
      c.forEach((v, s) => {
        rgb[planar ? s * 4 + p : p * 3 + s] = v;
      });
    });
    const file = makeDicom({
      rows: 2,
      columns: 2,
      pixelData: toBuffer(rgb),
      bitsAllocated: 8,
      samplesPerPixel: 3,
      planarConfiguration: planar,
      photometric: 'RGB',
      modality: 'OT',
    });
    const image = await decodeDicomFile(file, options);
    expect(image.modality).toBe('other');
    const out = Array.from(pixels(image));
    expect(out[0]).toBeCloseTo(0.299, 3);
    expect(out[1]).toBeCloseTo(0.587, 3);
    expect(out[2]).toBeCloseTo(128 / 255, 3);
    expect(out[3]).toBe(0);
  });

  it('shows each frame of a multi-frame file as a slice', async () => {
    const frames = new Uint16Array(ROWS * COLS * 3);
    for (let f = 0; f < 3; f++)
      frames.fill(1024 + 40 + (f - 1) * 100, f * ROWS * COLS, (f + 1) * ROWS * COLS);
    const image = await decodeDicomFile(
      makeDicom(ctFixture({ pixelData: toBuffer(frames), numberOfFrames: 3 })),
      options,
    );
    expect(image.sliceCount).toBe(3);
    expect(image.storage).toEqual({ kind: 'plane', width: COLS, height: ROWS });
    for (const f of [0, 1, 2])
      expect(pixels(image, f)[0]).toBeCloseTo(expectedWindowed(40 + (f - 1) * 100, 40, 400), 6);
    expect(() => image.slice(3)).toThrow(expect.objectContaining({ code: ErrorCode.SliceOutOfRange }));
  });
});

describe('decodeDicomFile: transfer syntaxes', () => {
  const reference = decodeDicomFile(makeDicom(ctFixture()), options).then((image) => pixels(image));

  it.each([
    ['Implicit VR Little Endian', TS.implicitLE],
    ['Explicit VR Big Endian', TS.explicitBE],
    ['Deflated Explicit VR Little Endian', TS.deflated],
  ])('reads %s identically to explicit little endian', async (name, syntax) => {
    const image = await decodeDicomFile(makeDicom(ctFixture({ transferSyntax: syntax })), options);
    expect(maxAbsDiff(pixels(image), await reference)).toBe(0);
    expect(image.description).toBe(`DICOM CT 64×48 (${name})`);
  });

  it.each([TS.explicitLE, TS.implicitLE])(
    'reads a bare data set (%s) without preamble or meta header',
    async (syntax) => {
      const file = makeDicom(ctFixture({ transferSyntax: syntax }));
      const metaEnd = 144 + new DataView(file.buffer, file.byteOffset).getUint32(140, true);
      const bare = file.slice(metaEnd);
      expect(isDicom(bare)).toBe(true);
      expect(maxAbsDiff(pixels(await decodeDicomFile(bare, options)), await reference)).toBe(0);
    },
  );

  it('caps how far a deflated data set may inflate', async () => {
    const file = makeDicom(ctFixture({ transferSyntax: TS.deflated }));
    expect(file.length).toBeLessThan(4_000);
    await expectCode(decodeDicomFile(file, { ...options, maxBytes: 4_000 }), ErrorCode.InputTooLarge);
  });

  it('splits a multi-frame encapsulated file into its frames', async () => {
    const frames = [0, 1, 2].map((f) =>
      encodeRle(
        ctStored.map((v) => v + 100 * f),
        ROWS * COLS,
        1,
      ),
    );
    const image = await decodeDicomFile(
      makeDicom(ctFixture({ transferSyntax: TS.rle, pixelData: frames, numberOfFrames: 3 })),
      options,
    );
    expect(image.sliceCount).toBe(3);
    const tissue = pixelWithHu(hu, -100);
    for (const f of [0, 1, 2])
      expect(pixels(image, f)[tissue]).toBeCloseTo(expectedWindowed(-100 + 100 * f, 40, 400), 6);
  });

  it.each([
    ['RLE Lossless', TS.rle, async () => encodeRle(ctStored, ROWS * COLS, 1)],
    ['JPEG-LS Lossless', TS.jpegLs, async () => encodeJpegLs(ctStored, COLS, ROWS)],
    ['JPEG 2000 Lossless', TS.j2kLossless, async () => encodeJ2k(ctStored, COLS, ROWS)],
    ['JPEG 2000', TS.j2k, async () => encodeJ2k(ctStored, COLS, ROWS)],
    ['JPEG Lossless', TS.jpegLossless, async () => encodeJpegLossless(ctStored, COLS, ROWS)],
    ['JPEG Lossless SV1', TS.jpegLosslessSv1, async () => encodeJpegLossless(ctStored, COLS, ROWS)],
  ])('decodes %s losslessly', async (name, syntax, encode) => {
    const file = makeDicom(ctFixture({ transferSyntax: syntax, pixelData: [await encode()] }));
    const image = await decodeDicomFile(file, options);
    expect(maxAbsDiff(pixels(image), await reference)).toBe(0);
    expect(image.description).toBe(`DICOM CT 64×48 (${name})`);
  });

  it('decodes JPEG-LS near-lossless within its error bound', async () => {
    const file = makeDicom(
      ctFixture({ transferSyntax: TS.jpegLsNear, pixelData: [await encodeJpegLs(ctStored, COLS, ROWS, 2)] }),
    );
    // ±2 stored units over a 400 HU window.
    expect(maxAbsDiff(pixels(await decodeDicomFile(file, options)), await reference)).toBeLessThanOrEqual(
      2 / 399 + 1e-6,
    );
  });

  it('decodes JPEG baseline 8-bit gray and RGB', async () => {
    const gray = Uint8Array.from(hu, (v) =>
      Math.round(((Math.min(Math.max(v, -160), 240) + 160) / 400) * 255),
    );
    const grayFile = makeDicom({
      rows: ROWS,
      columns: COLS,
      pixelData: [await encodeJpegBaseline(gray, COLS, ROWS, 1)],
      bitsAllocated: 8,
      modality: 'MR',
      windowCenter: 128,
      windowWidth: 256,
      transferSyntax: TS.jpegBaseline,
    });
    const out = pixels(await decodeDicomFile(grayFile, options));
    const expected = Float32Array.from(gray, (v) => expectedWindowed(v, 128, 256));
    expect(maxAbsDiff(out, expected)).toBeLessThan(0.05);

    const rgb = new Uint8Array(ROWS * COLS * 3);
    for (let p = 0; p < ROWS * COLS; p++) rgb.set([gray[p] ?? 0, gray[p] ?? 0, gray[p] ?? 0], p * 3);
    const rgbFile = makeDicom({
      rows: ROWS,
      columns: COLS,
      pixelData: [await encodeJpegBaseline(rgb, COLS, ROWS, 3)],
      bitsAllocated: 8,
      samplesPerPixel: 3,
      photometric: 'YBR_FULL_422',
      modality: 'OT',
      transferSyntax: TS.jpegBaseline,
    });
    const rgbOut = pixels(await decodeDicomFile(rgbFile, options));
    expect(
      maxAbsDiff(
        rgbOut,
        Float32Array.from(gray, (v) => v / 255),
      ),
    ).toBeLessThan(0.05);
  });

  it('decodes RLE colour (segments per sample) to gray', async () => {
    const rgb = new Uint8Array(ROWS * COLS * 3);
    for (let p = 0; p < ROWS * COLS; p++) rgb.set([p % 256, 0, 255 - (p % 256)], p * 3);
    const file = makeDicom({
      rows: ROWS,
      columns: COLS,
      pixelData: [encodeRle(rgb, ROWS * COLS, 3)],
      bitsAllocated: 8,
      samplesPerPixel: 3,
      photometric: 'RGB',
      transferSyntax: TS.rle,
    });
    const out = pixels(await decodeDicomFile(file, options));
    expect(out[10]).toBeCloseTo((0.299 * 10 + 0.114 * 245) / 255, 4);
  });
});

describe('decodeDicomSeries', () => {
  const SLICES = 5;
  const Z0 = -40;
  const STEP = 2.5;
  const ORIGIN: [number, number] = [-22.4, -30];

  /** Slice k: constant 40 + 50 k HU with a marker at (row 1, col 2) to check in-plane order. */
  function seriesFiles(
    extra: (k: number) => Partial<FixtureOptions> = () => ({}),
  ): { name: string; bytes: Uint8Array }[] {
    const files = Array.from({ length: SLICES }, (_, k) => {
      const stored = new Uint16Array(ROWS * COLS).fill(1024 + 40 + 50 * k);
      stored[1 * COLS + 2] = 1024 + 1000;
      return {
        name: `IM${k}.dcm`,
        bytes: makeDicom(
          ctFixture({
            pixelData: toBuffer(stored),
            position: [ORIGIN[0], ORIGIN[1], Z0 + STEP * k],
            orientation: [1, 0, 0, 0, 1, 0],
            instanceNumber: SLICES - k, // deliberately disagrees with position: position wins
            windowCenter: 140,
            windowWidth: 401,
            ...extra(k),
          }),
        ),
      };
    });
    // Shuffled on input.
    return [files[3], files[0], files[4], files[1], files[2]] as { name: string; bytes: Uint8Array }[];
  }

  function sliceValue(image: DecodedImage, index: number): number {
    return pixels(image, index)[0] ?? Number.NaN;
  }

  it('sorts shuffled slices inferior → superior along the normal and builds the RAS affine', async () => {
    const image = await decodeDicomSeries(seriesFiles(), options);
    expect(image.format).toBe('dicom-series');
    expect(image.sliceCount).toBe(SLICES);
    expect(image.defaultSlice).toBe(2);
    for (let k = 0; k < SLICES; k++)
      expect(sliceValue(image, k)).toBeCloseTo(expectedWindowed(40 + 50 * k, 140, 401), 6);
    if (image.storage.kind !== 'volume') throw new Error('expected a volume');
    const { geometry } = image.storage;
    expect(geometry.dims).toEqual([COLS, ROWS, SLICES]);
    expect(geometry.spacingMm.map((v) => +v.toFixed(6))).toEqual([0.7, 0.8, STEP]);
    // LPS → RAS: x and y rows negated. Columns step 0.7 mm along L, rows 0.8 mm along P.
    const expected = [-0.7, 0, 0, -ORIGIN[0], 0, -0.8, 0, -ORIGIN[1], 0, 0, STEP, Z0, 0, 0, 0, 1];
    geometry.affine.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 6);
    });
    expect(geometry.displayAxes).toEqual({
      col: { axis: 0, flip: false },
      row: { axis: 1, flip: false },
      slice: { axis: 2, flip: false },
    });
    const middle = image.slice(2);
    expect(middle.pixels[1 * COLS + 2]).toBe(1); // marker stays at row 1, column 2
    expect(middle.pixelSpacingMm?.map((v) => +v.toFixed(6))).toEqual([0.8, 0.7]);
    expect(image.description).toBe('DICOM CT 64×48×5 (Explicit VR Little Endian)');
  });

  it('orders by the slice normal, not raw z, for a series stored superior → inferior with a flipped normal', async () => {
    // Row direction L, column direction A (−P): the normal points to −z (inferior).
    const image = await decodeDicomSeries(
      seriesFiles(() => ({ orientation: [1, 0, 0, 0, -1, 0] })),
      options,
    );
    if (image.storage.kind !== 'volume') throw new Error('expected a volume');
    expect(image.storage.geometry.displayAxes.row).toEqual({ axis: 1, flip: true });
    expect(image.storage.geometry.displayAxes.slice).toEqual({ axis: 2, flip: true });
    // Display slices still run inferior → superior.
    for (let k = 0; k < SLICES; k++)
      expect(sliceValue(image, k)).toBeCloseTo(expectedWindowed(40 + 50 * k, 140, 401), 6);
    // Rows flipped: the marker at storage row 1 shows at display row ROWS − 2.
    expect(image.slice(0).pixels[(ROWS - 2) * COLS + 2]).toBe(1);
  });

  it.each([
    ['axial', [1, 0, 0, 0, 1, 0]],
    ['axial, rows toward patient right and columns anterior', [-1, 0, 0, 0, -1, 0]],
    ['sagittal', [0, 1, 0, 0, 0, -1]],
    ['coronal', [1, 0, 0, 0, 0, -1]],
  ] as const)(
    'shows a %s series radiologically: right on image left, anterior up, slices upward',
    async (_name, orientation) => {
      const [rows, columns, slices] = [6, 8, 5];
      const [rowCos, colCos] = [orientation.slice(0, 3), orientation.slice(3, 6)];
      const normal = [
        rowCos[1] * colCos[2] - rowCos[2] * colCos[1],
        rowCos[2] * colCos[0] - rowCos[0] * colCos[2],
        rowCos[0] * colCos[1] - rowCos[1] * colCos[0],
      ];
      // Two bright voxels that differ in every patient (LPS) coordinate.
      const markers = [
        { i: 1, j: 1, k: 1, value: 1000 },
        { i: 6, j: 4, k: 3, value: 2000 },
      ];
      const lps = (i: number, j: number, k: number) =>
        [0, 1, 2].map((a) => i * rowCos[a] + j * colCos[a] + k * 3 * normal[a]);
      const files = Array.from({ length: slices }, (_, k) => {
        const stored = new Uint16Array(rows * columns);
        for (const m of markers) if (m.k === k) stored[m.j * columns + m.i] = m.value;
        return {
          name: `${k}`,
          bytes: makeDicom({
            rows,
            columns,
            pixelData: toBuffer(stored),
            modality: 'MR',
            windowCenter: 1000,
            windowWidth: 1000,
            pixelSpacing: [1, 1],
            orientation: [...orientation],
            position: lps(0, 0, k) as [number, number, number],
          }),
        };
      });
      const image = await decodeDicomSeries(files.reverse(), options);
      const found = markers.map((m) => {
        for (let s = 0; s < image.sliceCount; s++) {
          const slice = image.slice(s);
          const expected = expectedWindowed(m.value, 1000, 1000);
          const at = slice.pixels.findIndex((v) => Math.abs(v - expected) < 1e-6 && v > 0);
          if (at >= 0)
            return { s, r: Math.floor(at / slice.width), c: at % slice.width, world: lps(m.i, m.j, m.k) };
        }
        throw new Error('marker not found in any display slice');
      });
      const [a, b] = found as [(typeof found)[0], (typeof found)[0]];
      // LPS: +x is patient left (display columns grow leftward-in-patient), +y posterior (rows grow
      // downward), +z superior (slices grow upward).
      expect(Math.sign(b.c - a.c)).toBe(Math.sign((b.world[0] ?? 0) - (a.world[0] ?? 0)));
      expect(Math.sign(b.r - a.r)).toBe(Math.sign((b.world[1] ?? 0) - (a.world[1] ?? 0)));
      expect(Math.sign(b.s - a.s)).toBe(Math.sign((b.world[2] ?? 0) - (a.world[2] ?? 0)));
    },
  );

  it('falls back to InstanceNumber when positions are missing', async () => {
    const image = await decodeDicomSeries(
      seriesFiles(() => ({ position: undefined })),
      options,
    );
    // InstanceNumber runs SLICES − k, so display order is reversed relative to k.
    expect(sliceValue(image, 0)).toBeCloseTo(expectedWindowed(40 + 50 * (SLICES - 1), 140, 401), 6);
  });

  it('decodes a zip of the series, ignoring desktop litter', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const file of seriesFiles()) entries[`study/series/${file.name}`] = file.bytes;
    entries['__MACOSX/study/._IM0.dcm'] = new Uint8Array([0, 5, 22, 7]);
    entries['study/.DS_Store'] = new Uint8Array(16);
    const image = await decodeDicomZip(zipFiles(entries), options);
    expect(image.format).toBe('dicom-series');
    expect(image.sliceCount).toBe(SLICES);
    expect(sliceValue(image, 4)).toBeCloseTo(expectedWindowed(40 + 50 * 4, 140, 401), 6);
  });

  it('decodes a folder holding one image, a DICOMDIR-like file and litter as that single image', async () => {
    const noImage = { name: 'DICOMDIR', bytes: makeDicom(ctFixture({ omitPixelData: true })) };
    const litter = { name: 'notes.txt', bytes: new TextEncoder().encode('not an image') };
    const image = await decodeDicomSeries(
      [noImage, litter, { name: 'IM1', bytes: makeDicom(ctFixture({ transferSyntax: TS.deflated })) }],
      options,
    );
    expect(image.format).toBe('dicom');
    expect(pixels(image)[pixelWithHu(hu, 60)]).toBeCloseTo(expectedWindowed(60, 40, 400), 4);
    await expectCode(decodeDicomSeries([noImage, litter], options), ErrorCode.DicomNoPixelData);
    await expectCode(decodeDicomSeries([litter], options), ErrorCode.InputUnsupportedFormat);
  });

  it('refuses mixed series with DicomMixedSeries', async () => {
    await expectCode(
      decodeDicomSeries(
        seriesFiles((k) => (k === 2 ? { seriesUid: '2.25.999' } : {})),
        options,
      ),
      ErrorCode.DicomMixedSeries,
    );
    const sizes = seriesFiles();
    sizes.push({
      name: 'small.dcm',
      bytes: makeDicom({ rows: 4, columns: 4, pixelData: new ArrayBuffer(32), position: [0, 0, 99] }),
    });
    await expectCode(decodeDicomSeries(sizes, options), ErrorCode.DicomMixedSeries);
    await expectCode(
      decodeDicomSeries(
        seriesFiles((k) => (k === 1 ? { orientation: [0, 1, 0, 0, 0, -1] } : {})),
        options,
      ),
      ErrorCode.DicomMixedSeries,
    );
  });

  it('refuses a series over the voxel limit before decoding it', async () => {
    await expectCode(
      decodeDicomSeries(seriesFiles(), { ...options, maxVoxels: ROWS * COLS * 4 }),
      ErrorCode.InputTooLarge,
    );
  });

  it('refuses a zip with too many bytes unpacked', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const file of seriesFiles()) entries[file.name] = file.bytes;
    await expectCode(
      decodeDicomZip(zipFiles(entries), { ...options, maxBytes: 20_000 }),
      ErrorCode.InputTooLarge,
    );
  });
});

describe('bad input', () => {
  it('rejects every truncation with a coded error, never a crash', async () => {
    const native = makeDicom(ctFixture());
    const compressed = makeDicom(
      ctFixture({ transferSyntax: TS.jpegLs, pixelData: [await encodeJpegLs(ctStored, COLS, ROWS)] }),
    );
    for (const file of [native, compressed]) {
      for (const cut of [
        1,
        10,
        100,
        131,
        140,
        200,
        333,
        Math.floor(file.length / 2),
        file.length - 100,
        file.length - 7,
      ]) {
        await expectCode(decodeDicomFile(file.slice(0, cut), options), [
          ErrorCode.InputCorrupt,
          ErrorCode.DicomNoPixelData,
        ]);
      }
    }
    // Cut inside the pixel data: the header is intact, so the error must say damaged, not "no image".
    await expectCode(decodeDicomFile(native.slice(0, native.length - 100), options), ErrorCode.InputCorrupt);
  });

  it('rejects zero bytes and random bytes behind a DICM marker', async () => {
    await expectCode(decodeDicomFile(new Uint8Array(0), options), ErrorCode.InputEmpty);
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 251);
    junk.set([0x44, 0x49, 0x43, 0x4d], 128);
    await expectCode(decodeDicomFile(junk, options), [ErrorCode.InputCorrupt, ErrorCode.DicomNoPixelData]);
  });

  it('rejects a file without pixel data', async () => {
    await expectCode(
      decodeDicomFile(makeDicom(ctFixture({ omitPixelData: true })), options),
      ErrorCode.DicomNoPixelData,
    );
  });

  it('rejects huge Rows × Columns or frame counts before allocating', async () => {
    const huge = makeDicom(ctFixture({ rows: 60_000, columns: 60_000, pixelData: new ArrayBuffer(64) }));
    await expectCode(decodeDicomFile(huge, options), ErrorCode.InputTooLarge);
    const frames = makeDicom(ctFixture({ numberOfFrames: 100_000 }));
    await expectCode(decodeDicomFile(frames, options), ErrorCode.InputTooLarge);
  });

  it('rejects zero dimensions and pixel data shorter than declared', async () => {
    await expectCode(decodeDicomFile(makeDicom(ctFixture({ rows: 0 })), options), ErrorCode.InputCorrupt);
    const short = makeDicom(ctFixture({ pixelData: toBuffer(ctStored.subarray(0, ctStored.length / 2)) }));
    await expectCode(decodeDicomFile(short, options), ErrorCode.InputCorrupt);
  });

  it('names an unsupported transfer syntax', async () => {
    const file = makeDicom(ctFixture({ transferSyntax: TS.htj2k, pixelData: [new ArrayBuffer(16)] }));
    const error = await decodeDicomFile(file, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.DicomUnsupportedTransferSyntax });
    expect((error as { userMessage: string }).userMessage).toContain('High-Throughput JPEG 2000');
    const unknown = makeDicom(ctFixture({ transferSyntax: '1.2.3.4.5.6', pixelData: [new ArrayBuffer(16)] }));
    await expectCode(decodeDicomFile(unknown, options), ErrorCode.DicomUnsupportedTransferSyntax);
    const twelveBitJpeg = makeDicom(
      ctFixture({
        transferSyntax: '1.2.840.10008.1.2.4.51',
        bitsStored: 12,
        pixelData: [new ArrayBuffer(16)],
      }),
    );
    await expectCode(decodeDicomFile(twelveBitJpeg, options), ErrorCode.DicomUnsupportedTransferSyntax);
  });

  it('rejects damaged compressed streams', async () => {
    const jls = new Uint8Array(await encodeJpegLs(ctStored, COLS, ROWS));
    for (let i = 40; i < jls.length; i += 3) jls[i] = 0xff;
    await expectCode(
      decodeDicomFile(makeDicom(ctFixture({ transferSyntax: TS.jpegLs, pixelData: [jls.buffer] })), options),
      ErrorCode.InputCorrupt,
    );
    const rle = new Uint8Array(encodeRle(ctStored, ROWS * COLS, 1));
    rle[0] = 3; // wrong segment count
    await expectCode(
      decodeDicomFile(makeDicom(ctFixture({ transferSyntax: TS.rle, pixelData: [rle.buffer] })), options),
      ErrorCode.InputCorrupt,
    );
    // A JPEG 2000 stream claiming a different size than the DICOM header.
    const j2k = await encodeJ2k(ctStored, COLS, ROWS);
    await expectCode(
      decodeDicomFile(
        makeDicom(ctFixture({ rows: ROWS / 2, transferSyntax: TS.j2k, pixelData: [j2k] })),
        options,
      ),
      ErrorCode.InputCorrupt,
    );
  });
});

describe('codec time limit', () => {
  it('stops a codec stuck on a damaged stream and still decodes the next frame', async () => {
    // Found by fuzzing: with two bytes changed and the even-length pad byte DICOM adds, CharLS
    // spends ~15 s failing on this 32×32 frame.
    const small = Uint16Array.from(abdomenHu(32, 32), (v) => v + 1024);
    const encoded = new Uint8Array(await encodeJpegLs(small, 32, 32));
    expect(encoded.length).toBe(373); // the bytes below are specific to this stream
    const frame = new Uint8Array(374);
    frame.set(encoded);
    frame[50] = 196;
    frame[371] = 2;
    const expect32 = { rows: 32, columns: 32, bitsAllocated: 16, samplesPerPixel: 1 };
    const started = Date.now();
    await expectCode(decodeCompressedFrame('jpeg-ls', frame, expect32, 500), ErrorCode.InputCorrupt);
    expect(Date.now() - started).toBeLessThan(5_000);
    const good = await decodeCompressedFrame(
      'jpeg-ls',
      new Uint8Array(await encodeJpegLs(small, 32, 32)),
      expect32,
    );
    expect(new Uint16Array(good.bytes.buffer, good.bytes.byteOffset, 32 * 32)).toEqual(small);
  });
});

describe('privacy', () => {
  const contains = (haystack: Uint8Array, needle: string) =>
    Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));

  it('removes patient, institution, date and private tags but keeps the image', async () => {
    for (const fixture of [
      ctFixture({ position: [1, 2, 3], orientation: [1, 0, 0, 0, 1, 0] }),
      ctFixture({ transferSyntax: TS.implicitLE }),
      ctFixture({ transferSyntax: TS.explicitBE }),
      ctFixture({ transferSyntax: TS.deflated }),
      ctFixture({ transferSyntax: TS.rle, pixelData: [encodeRle(ctStored, ROWS * COLS, 1)] }),
    ]) {
      const original = makeDicom(fixture);
      // A deflated file hides its text inside the compressed stream, so only check the others' precondition.
      const secrets = [
        PATIENT_NAME,
        'PID-445566',
        'Fixture General Hospital',
        PRIVATE_TEXT,
        '19600101',
        'ACC-778899',
      ];
      if (fixture.transferSyntax !== TS.deflated) {
        for (const secret of secrets)
          expect(contains(original, secret), `fixture should contain ${secret}`).toBe(true);
      }
      const clean = deidentifyDicom(original);
      for (const secret of [
        PATIENT_NAME,
        'Fixture',
        'PID-445566',
        'Hospital',
        PRIVATE_TEXT,
        '19600101',
        '20240102',
        'ACC-778899',
        'Referrer',
      ]) {
        expect(contains(clean, secret), `de-identified file still contains ${secret}`).toBe(false);
      }
      const before = await decodeDicomFile(original, options);
      const after = await decodeDicomFile(clean, options);
      expect(maxAbsDiff(pixels(after), pixels(before))).toBe(0);
      expect(after.modality).toBe(before.modality);
    }
  });

  it('never puts identifying text into descriptions', async () => {
    const image = await decodeDicomSeries(
      [0, 1].map((k) => ({ name: `${k}`, bytes: makeDicom(ctFixture({ position: [0, 0, k] })) })),
      options,
    );
    expect(image.description).not.toMatch(/Fixture|PID|Hospital|ACC|2024/);
  });
});
