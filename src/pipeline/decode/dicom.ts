/**
 * DICOM input: one file (2D, or a multi-frame file shown frame by frame), a series of single-frame
 * files assembled into a volume, or a zip holding one series.
 *
 * Pixel pipeline, per PS3.3 C.7.6.3 and C.11: stored values (masked to BitsStored, sign-extended when
 * PixelRepresentation is 1) → colour to gray → Modality LUT (Rescale Slope/Intercept) → VOI window →
 * [0, 1], inverted for MONOCHROME1.
 *
 * Privacy: nothing read from patient, study or institution tags leaves this module. Descriptions
 * name only modality, size and transfer syntax, and nothing here logs.
 */
import dicomParser from 'dicom-parser';
import { Inflate, unzipSync } from 'fflate';
import { ErrorCode, InputError } from '../../errors.js';
import {
  type Codec,
  decodeCompressedFrame,
  TRANSFER_SYNTAXES,
  UNSUPPORTED_SYNTAX_NAMES,
} from './dicom-codecs.js';
import { displayAxesFromAffine, extractDisplaySlice } from './geometry.js';
import type {
  DecodedImage,
  DecodeOptions,
  DicomSourceFrame,
  DicomSourceReference,
  Modality,
  Slice,
  VolumeGeometry,
} from './types.js';

export { deidentifyDicom } from './dicom-deidentify.js';

type DataSet = dicomParser.DataSet;
type Element = dicomParser.Element;

const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** A zip may hold a long CT series, but not an unbounded number of entries. */
const MAX_ZIP_ENTRIES = 4096;

const CT_DEFAULT_WINDOW = { center: 40, width: 400 }; // soft-tissue abdomen window, HU
const PERCENTILE_LOW = 0.005;
const PERCENTILE_HIGH = 0.995;

// --- Sniffing -------------------------------------------------------------------------------------

const VALID_VRS = new Set(
  'AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
);

/** How a file without the 128-byte preamble and 'DICM' starts, if it plausibly is DICOM at all. */
function preamblelessSyntax(bytes: Uint8Array): string | undefined {
  // Group 0x0008 (identifying information) is the first group of a bare data set, little endian.
  if (bytes.length < 8 || bytes[0] !== 0x08 || bytes[1] !== 0x00) return undefined;
  const element = (bytes[2] ?? 0) | ((bytes[3] ?? 0) << 8);
  if (element > 0x1250) return undefined;
  const vr = String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0);
  if (VALID_VRS.has(vr)) return EXPLICIT_LITTLE_ENDIAN;
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  return length > 0 && length < 1024 && length <= bytes.length - 8 ? IMPLICIT_LITTLE_ENDIAN : undefined;
}

/** True for a DICOM Part 10 file ('DICM' at offset 128) or a bare data set starting at group 0x0008. */
export function isDicom(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  ) {
    return true;
  }
  return preamblelessSyntax(bytes) !== undefined;
}

// --- Errors ---------------------------------------------------------------------------------------

function corrupt(detail: string, cause?: unknown): InputError {
  return new InputError(
    ErrorCode.InputCorrupt,
    'This DICOM file is incomplete or damaged, so it cannot be read. Please export or copy it again.',
    { detail, cause },
  );
}

function tooLarge(what: string, limit: number): InputError {
  return new InputError(
    ErrorCode.InputTooLarge,
    `This DICOM image is too large to process (${what}; the limit is ${limit.toLocaleString('en-US')}).`,
  );
}

// --- Header ---------------------------------------------------------------------------------------

interface DicomHeader {
  syntaxUid: string;
  syntaxName: string;
  codec?: Codec;
  bigEndian: boolean;
  rows: number;
  columns: number;
  frames: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  samplesPerPixel: number;
  planar: boolean;
  photometric: string;
  slope: number;
  intercept: number;
  window?: { center: number; width: number };
  modality: Modality;
  /** [row spacing, column spacing] in mm. */
  pixelSpacing?: [number, number];
  position?: [number, number, number];
  /** Row direction cosines then column direction cosines (LPS). */
  orientation?: [number, number, number, number, number, number];
  instanceNumber?: number;
  seriesUid?: string;
  sliceSpacing?: number;
  sliceThickness?: number;
  studyUid?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  frameOfReferenceUid?: string;
}

interface ParsedDicom {
  dataSet: DataSet;
  header: DicomHeader;
  pixelData: Element;
}

function floats(dataSet: DataSet, tag: string, count: number): number[] | undefined {
  if (!dataSet.elements[tag]) return undefined;
  // Split here rather than asking dicom-parser for value i: it throws a TypeError when a damaged
  // file holds fewer values than the tag should ("0.8" for a pixel spacing).
  const parts = (dataSet.string(tag) ?? '').split('\\');
  if (parts.length < count) return undefined;
  const values = parts.slice(0, count).map((part) => Number.parseFloat(part));
  return values.every(Number.isFinite) ? values : undefined;
}

function modalityOf(value: string | undefined): Modality {
  const code = value?.trim().toUpperCase();
  if (code === 'CT') return 'CT';
  if (code === 'MR') return 'MR';
  return 'other';
}

/** Inflates a deflated data set with a hard cap on the output (a small file must not become gigabytes). */
function boundedInflater(maxBytes: number) {
  return (byteArray: Uint8Array, position: number): Uint8Array => {
    const chunks: Uint8Array[] = [byteArray.subarray(0, position)];
    let total = position;
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge('inflated data set over the byte limit', maxBytes);
      chunks.push(chunk);
    });
    inflate.push(byteArray.subarray(position), true);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  };
}

function parseDataSet(bytes: Uint8Array, maxBytes: number): DataSet {
  const hasPreamble = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  const options: dicomParser.ParseDicomOptions = {
    TransferSyntaxUID: hasPreamble ? undefined : (preamblelessSyntax(bytes) ?? IMPLICIT_LITTLE_ENDIAN),
    // The published typings say the inflater returns void; dicom-parser actually uses its return value.
    inflater: boundedInflater(maxBytes) as unknown as dicomParser.ParseDicomOptions['inflater'],
  };
  try {
    return dicomParser.parseDicom(bytes, options);
  } catch (error) {
    if (error instanceof InputError) throw error;
    // dicom-parser throws strings or Errors carrying the partial data set; either way the file is cut short.
    throw corrupt(`parse failed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function readHeader(dataSet: DataSet): DicomHeader {
  // For a file without a meta header, dicom-parser fabricates the element with a `Value` and no offset.
  const syntaxElement = dataSet.elements.x00020010 as (Element & { Value?: string }) | undefined;
  const syntaxUid = (syntaxElement?.Value ?? dataSet.string('x00020010') ?? IMPLICIT_LITTLE_ENDIAN)
    .replace(/\0/g, '')
    .trim();
  const syntax = TRANSFER_SYNTAXES[syntaxUid];
  if (!syntax) {
    const name = UNSUPPORTED_SYNTAX_NAMES[syntaxUid] ?? `unknown transfer syntax ${syntaxUid}`;
    throw new InputError(
      ErrorCode.DicomUnsupportedTransferSyntax,
      `This DICOM file is compressed as ${name}, which is not supported. Please export it uncompressed (or as JPEG 2000 / JPEG-LS / RLE).`,
    );
  }
  const windowCenter = dataSet.floatString('x00281050', 0);
  const windowWidth = dataSet.floatString('x00281051', 0);
  const spacing = floats(dataSet, 'x00280030', 2) ?? floats(dataSet, 'x00181164', 2);
  const position = floats(dataSet, 'x00200032', 3);
  const orientation = floats(dataSet, 'x00200037', 6);
  const slope = dataSet.floatString('x00281053');
  const intercept = dataSet.floatString('x00281052');
  const frames = dataSet.intString('x00280008');
  const bitsAllocated = dataSet.uint16('x00280100') ?? 0;
  const sliceThickness = dataSet.floatString('x00180050');
  const sliceSpacing = dataSet.floatString('x00180088') ?? sliceThickness;
  const uid = (tag: string) => dataSet.string(tag)?.replace(/\0/g, '').trim() || undefined;
  return {
    syntaxUid,
    syntaxName: syntax.name,
    codec: syntax.codec,
    bigEndian: syntax.bigEndian === true,
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    frames: frames !== undefined && Number.isFinite(frames) && frames > 0 ? frames : 1,
    bitsAllocated,
    bitsStored: dataSet.uint16('x00280101') || bitsAllocated,
    signed: dataSet.uint16('x00280103') === 1,
    samplesPerPixel: dataSet.uint16('x00280002') || 1,
    planar: dataSet.uint16('x00280006') === 1,
    photometric: (dataSet.string('x00280004') ?? 'MONOCHROME2').trim().toUpperCase(),
    slope: slope !== undefined && Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
    window:
      windowCenter !== undefined &&
      windowWidth !== undefined &&
      Number.isFinite(windowCenter) &&
      windowWidth >= 1
        ? { center: windowCenter, width: windowWidth }
        : undefined,
    modality: modalityOf(dataSet.string('x00080060')),
    pixelSpacing: spacing?.every((v) => v > 0) ? (spacing as [number, number]) : undefined,
    position: position as [number, number, number] | undefined,
    orientation: orientation as DicomHeader['orientation'],
    instanceNumber: dataSet.intString('x00200013'),
    seriesUid: dataSet.string('x0020000e')?.trim(),
    sliceSpacing: sliceSpacing !== undefined && sliceSpacing > 0 ? sliceSpacing : undefined,
    sliceThickness: sliceThickness !== undefined && sliceThickness > 0 ? sliceThickness : undefined,
    studyUid: uid('x0020000d'),
    sopClassUid: uid('x00080016'),
    sopInstanceUid: uid('x00080018'),
    frameOfReferenceUid: uid('x00200052'),
  };
}

/** Parses one file and checks everything that can be checked before any pixel is decoded. */
function parseDicomFile(bytes: Uint8Array, options: DecodeOptions): ParsedDicom {
  if (bytes.length === 0) throw new InputError(ErrorCode.InputEmpty, 'The DICOM file is empty (0 bytes).');
  if (bytes.length > options.maxBytes) throw tooLarge(`${bytes.length} bytes`, options.maxBytes);
  const dataSet = parseDataSet(bytes, options.maxBytes);
  const pixelData = dataSet.elements.x7fe00010;
  if (!pixelData) {
    throw new InputError(
      ErrorCode.DicomNoPixelData,
      'This DICOM file holds no image (it may be a report, a structured document or a DICOMDIR). Please send an image file.',
    );
  }
  const header = readHeader(dataSet);
  const { rows, columns, frames, bitsAllocated, samplesPerPixel } = header;
  if (rows === 0 || columns === 0) throw corrupt(`zero image size ${columns}×${rows}`);
  if (rows * columns > options.maxPixels) throw tooLarge(`${columns}×${rows} pixels`, options.maxPixels);
  if (rows * columns * frames > options.maxVoxels) {
    throw tooLarge(`${columns}×${rows}×${frames} frames`, options.maxVoxels);
  }
  if (![8, 16, 32].includes(bitsAllocated) || (header.codec && bitsAllocated === 32)) {
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      `This DICOM image uses ${bitsAllocated}-bit pixels, which are not supported. Please export 8- or 16-bit images.`,
    );
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      `This DICOM image has ${samplesPerPixel} samples per pixel; only grayscale and RGB are supported.`,
    );
  }
  if (header.bitsStored > bitsAllocated) {
    throw corrupt(`BitsStored ${header.bitsStored} > BitsAllocated ${bitsAllocated}`);
  }
  if (header.codec === 'jpeg-baseline' && header.bitsStored > 8) {
    // libjpeg-turbo-8bit decodes 8-bit DCT JPEG only; 12-bit JPEG Extended needs another codec.
    throw new InputError(
      ErrorCode.DicomUnsupportedTransferSyntax,
      'This DICOM file is compressed as 12-bit JPEG Extended, which is not supported. Please export it uncompressed (or as JPEG 2000 / JPEG-LS / RLE).',
    );
  }
  if (!header.codec) {
    const needed = nativeFrameBytes(header) * frames;
    const available = Math.min(pixelData.length, dataSet.byteArray.length - pixelData.dataOffset);
    if (pixelData.encapsulatedPixelData || available < needed) {
      throw corrupt(`pixel data holds ${available} bytes, ${needed} declared`);
    }
  } else if (!pixelData.encapsulatedPixelData || !pixelData.fragments?.length) {
    throw corrupt('compressed transfer syntax without encapsulated fragments');
  }
  return { dataSet, header, pixelData };
}

// --- Pixels ---------------------------------------------------------------------------------------

function nativeFrameBytes(header: DicomHeader): number {
  const pixels = header.rows * header.columns;
  // YBR_FULL_422 stores two luma samples per chroma pair: 2 samples per pixel instead of 3.
  const samples = header.photometric === 'YBR_FULL_422' ? pixels * 2 : pixels * header.samplesPerPixel;
  return (samples * header.bitsAllocated) / 8;
}

/** Raw integer samples (masked to BitsStored, sign-extended) from little- or big-endian bytes. */
function storedSamples(
  bytes: Uint8Array,
  count: number,
  bytesPerSample: number,
  bigEndian: boolean,
  bitsStored: number,
  signed: boolean,
): Float32Array {
  if (bytes.length < count * bytesPerSample)
    throw corrupt(`frame holds ${bytes.length} bytes, ${count * bytesPerSample} needed`);
  const out = new Float32Array(count);
  const bits = Math.min(bitsStored, bytesPerSample * 8);
  if (
    bits === 8 * bytesPerSample &&
    bytesPerSample <= 2 &&
    !bigEndian &&
    bytes.byteOffset % bytesPerSample === 0
  ) {
    // Fast path for full-width little-endian samples (most CT and MR): typed views, no masking.
    const { buffer, byteOffset } = bytes;
    if (bytesPerSample === 1)
      out.set(signed ? new Int8Array(buffer, byteOffset, count) : bytes.subarray(0, count));
    else
      out.set(
        signed ? new Int16Array(buffer, byteOffset, count) : new Uint16Array(buffer, byteOffset, count),
      );
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const range = 2 ** bits;
  const signBit = 2 ** (bits - 1);
  for (let i = 0; i < count; i++) {
    let raw: number;
    if (bytesPerSample === 1) raw = bytes[i] ?? 0;
    else if (bytesPerSample === 2) raw = view.getUint16(i * 2, !bigEndian);
    else raw = view.getUint32(i * 4, !bigEndian);
    // Masking with % keeps 32-bit values unsigned (bitwise & would make them negative).
    let value = raw % range;
    if (signed && value >= signBit) value -= range;
    out[i] = value;
  }
  return out;
}

/** Decodes frame `index` to modality values (after Rescale Slope/Intercept), one gray value per pixel. */
async function decodeFrameValues(parsed: ParsedDicom, index: number): Promise<Float32Array> {
  const { header, dataSet, pixelData } = parsed;
  const pixelCount = header.rows * header.columns;
  let samples: Float32Array;
  let planar = header.planar;
  let photometric = header.photometric;
  if (header.codec) {
    const frame = await decodeCompressedFrame(
      header.codec,
      encapsulatedFrame(dataSet, pixelData, index, header.frames),
      header,
    );
    if (frame.width !== header.columns || frame.height !== header.rows) {
      throw corrupt(
        `decoded frame is ${frame.width}×${frame.height}, header says ${header.columns}×${header.rows}`,
      );
    }
    if (frame.componentCount !== header.samplesPerPixel) {
      throw corrupt(
        `decoded frame has ${frame.componentCount} components, header says ${header.samplesPerPixel}`,
      );
    }
    const bytesPerSample = frame.bitsPerSample <= 8 ? 1 : 2;
    samples = storedSamples(
      frame.bytes,
      pixelCount * frame.componentCount,
      bytesPerSample,
      false,
      header.bitsStored,
      header.signed,
    );
    planar = frame.planar;
    // libjpeg-turbo converts YCbCr to RGB while decoding, whatever the header calls it.
    if (header.codec === 'jpeg-baseline' && photometric.startsWith('YBR')) photometric = 'RGB';
  } else {
    const frameBytes = nativeFrameBytes(header);
    const start = pixelData.dataOffset + index * frameBytes;
    let bytes = dataSet.byteArray.subarray(start, start + frameBytes);
    if (header.bigEndian && header.bitsAllocated === 8 && pixelData.vr === 'OW') {
      // 8-bit samples in an OW element were byte-swapped as 16-bit words by a big-endian writer.
      bytes = swapPairs(bytes);
    }
    const count = (frameBytes * 8) / header.bitsAllocated;
    samples = storedSamples(
      bytes,
      count,
      header.bitsAllocated / 8,
      header.bigEndian,
      header.bitsStored,
      header.signed,
    );
  }
  if (header.samplesPerPixel === 1) {
    const { slope, intercept } = header;
    if (slope !== 1 || intercept !== 0)
      for (let i = 0; i < pixelCount; i++) samples[i] = (samples[i] ?? 0) * slope + intercept;
    return samples;
  }
  return colourToGray(samples, pixelCount, photometric, planar);
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

/** Gray = Rec. 601 luma; for YBR data the Y sample already is that luma. */
function colourToGray(
  samples: Float32Array,
  pixelCount: number,
  photometric: string,
  planar: boolean,
): Float32Array {
  const gray = new Float32Array(pixelCount);
  if (photometric === 'YBR_FULL_422' && samples.length === pixelCount * 2) {
    // Y0 Y1 Cb Cr for each pair of pixels.
    for (let p = 0; p < pixelCount; p++) gray[p] = samples[(p >> 1) * 4 + (p & 1)] ?? 0;
    return gray;
  }
  const at = planar ? (p: number, s: number) => s * pixelCount + p : (p: number, s: number) => p * 3 + s;
  const isYbr = photometric.startsWith('YBR');
  for (let p = 0; p < pixelCount; p++) {
    gray[p] = isYbr
      ? (samples[at(p, 0)] ?? 0)
      : 0.299 * (samples[at(p, 0)] ?? 0) +
        0.587 * (samples[at(p, 1)] ?? 0) +
        0.114 * (samples[at(p, 2)] ?? 0);
  }
  return gray;
}

function encapsulatedFrame(dataSet: DataSet, pixelData: Element, index: number, frames: number): Uint8Array {
  const fragments = pixelData.fragments ?? [];
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > dataSet.byteArray.length)
      throw corrupt('pixel data fragment runs past end of file');
  }
  try {
    if (frames === 1)
      return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixelData, 0, fragments.length);
    if (pixelData.basicOffsetTable?.length)
      return dicomParser.readEncapsulatedImageFrame(dataSet, pixelData, index);
    if (fragments.length === frames)
      return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixelData, index, 1);
    const offsets = dicomParser.createJPEGBasicOffsetTable(dataSet, pixelData);
    return dicomParser.readEncapsulatedImageFrame(dataSet, pixelData, index, offsets);
  } catch (error) {
    throw corrupt(`frame ${index} not found in encapsulated pixel data`, error);
  }
}

// --- Windowing ------------------------------------------------------------------------------------

interface IntensityWindow {
  lower: number;
  upper: number;
}

/**
 * DICOM linear VOI function (PS3.3 C.11.2.1.2.1): values at or below c − 0.5 − (w − 1)/2 map to 0,
 * above c − 0.5 + (w − 1)/2 to 1, linearly between.
 */
export function windowFromCenterWidth(center: number, width: number): IntensityWindow {
  return { lower: center - 0.5 - (width - 1) / 2, upper: center - 0.5 + (width - 1) / 2 };
}

/** The 0.5th and 99.5th percentiles, from at most ~256k evenly strided samples (fast on big volumes). */
export function percentileWindow(values: Float32Array): IntensityWindow {
  const stride = Math.max(1, Math.floor(values.length / 262_144));
  const sample = new Float32Array(Math.ceil(values.length / stride));
  for (let i = 0, j = 0; i < values.length; i += stride, j++) sample[j] = values[i] ?? 0;
  sample.sort();
  const pick = (q: number) =>
    sample[Math.min(sample.length - 1, Math.max(0, Math.round(q * (sample.length - 1))))] ?? 0;
  let lower = pick(PERCENTILE_LOW);
  let upper = pick(PERCENTILE_HIGH);
  if (upper <= lower) {
    lower = sample[0] ?? 0;
    upper = sample[sample.length - 1] ?? 0;
  }
  if (upper <= lower) upper = lower + 1; // a constant image shows as black rather than dividing by zero
  return { lower, upper };
}

function chooseWindow(header: DicomHeader, values: Float32Array): IntensityWindow {
  if (header.samplesPerPixel === 3) return { lower: 0, upper: 2 ** header.bitsStored - 1 };
  if (header.window) return windowFromCenterWidth(header.window.center, header.window.width);
  if (header.modality === 'CT')
    return windowFromCenterWidth(CT_DEFAULT_WINDOW.center, CT_DEFAULT_WINDOW.width);
  return percentileWindow(values);
}

/** Maps modality values to [0, 1] in place; MONOCHROME1 (white = low) is inverted to display like MONOCHROME2. */
function applyWindow(values: Float32Array, window: IntensityWindow, invert: boolean): void {
  const span = window.upper - window.lower;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    const y = span > 0 ? Math.min(1, Math.max(0, (v - window.lower) / span)) : v > window.lower ? 1 : 0;
    values[i] = invert ? 1 - y : y;
  }
}

// --- Single file ----------------------------------------------------------------------------------

function describe(header: DicomHeader, size: string): string {
  return `DICOM ${header.modality} ${size} (${header.syntaxName})`;
}

function outOfRange(index: number, count: number): InputError {
  return new InputError(
    ErrorCode.SliceOutOfRange,
    `There is no slice ${index + 1}: this image has slices 1 to ${count}.`,
  );
}

/**
 * One DICOM file → a 2D image. A multi-frame file keeps `storage: plane` (of one frame) and shows its
 * frames as slices in file order: per-frame geometry of enhanced multi-frame objects is not read.
 */
export async function decodeDicomFile(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  const parsed = parseDicomFile(bytes, options);
  const { header } = parsed;
  const pixelCount = header.rows * header.columns;
  const values = new Float32Array(pixelCount * header.frames);
  for (let f = 0; f < header.frames; f++) values.set(await decodeFrameValues(parsed, f), f * pixelCount);
  applyWindow(values, chooseWindow(header, values), header.photometric === 'MONOCHROME1');
  const size = `${header.columns}×${header.rows}${header.frames > 1 ? `, ${header.frames} frames` : ''}`;
  return {
    format: 'dicom',
    modality: header.modality,
    sliceCount: header.frames,
    defaultSlice: Math.floor(header.frames / 2),
    slice(index: number): Slice {
      if (!Number.isInteger(index) || index < 0 || index >= header.frames)
        throw outOfRange(index, header.frames);
      return {
        width: header.columns,
        height: header.rows,
        pixels: values.slice(index * pixelCount, (index + 1) * pixelCount),
        pixelSpacingMm: header.pixelSpacing,
      };
    },
    storage: { kind: 'plane', width: header.columns, height: header.rows },
    description: describe(header, size),
    // Multi-frame files are shown frame by frame without per-frame geometry: no SEG reference.
    dicomSource: header.frames === 1 ? sourceReference([header]) : undefined,
  };
}

/**
 * The SEG reference of sorted single-frame images, or undefined when a UID a SEG must carry is
 * missing (such a file can still be viewed and exported as PNG or NIfTI).
 */
function sourceReference(sorted: DicomHeader[], geometry?: VolumeGeometry): DicomSourceReference | undefined {
  const first = sorted[0];
  if (!first?.studyUid || !first.seriesUid) return undefined;
  const frames: DicomSourceFrame[] = [];
  for (const h of sorted) {
    if (!h.sopClassUid || !h.sopInstanceUid) return undefined;
    frames.push({ sopClassUid: h.sopClassUid, sopInstanceUid: h.sopInstanceUid, position: h.position });
  }
  return {
    studyInstanceUid: first.studyUid,
    seriesInstanceUid: first.seriesUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    modality: first.modality,
    rows: first.rows,
    columns: first.columns,
    pixelSpacing: first.pixelSpacing,
    sliceThickness: first.sliceThickness,
    orientation: first.orientation,
    frames,
    geometry,
  };
}

// --- Series ---------------------------------------------------------------------------------------

const LPS_ROW: [number, number, number] = [1, 0, 0];
const LPS_COLUMN: [number, number, number] = [0, 1, 0];

function cross(a: readonly number[], b: readonly number[]): [number, number, number] {
  const [a0 = 0, a1 = 0, a2 = 0] = a;
  const [b0 = 0, b1 = 0, b2 = 0] = b;
  return [a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);
}

function mixed(detail: string): InputError {
  return new InputError(
    ErrorCode.DicomMixedSeries,
    'These DICOM files do not form one series (they differ in series, size or orientation). Please send the files of a single series.',
    { detail },
  );
}

function checkSameSeries(files: ParsedDicom[]): void {
  const first = files[0]?.header;
  if (!first) return;
  const seriesCount = new Set(files.map((f) => f.header.seriesUid ?? '')).size;
  if (seriesCount > 1) throw mixed(`${seriesCount} series`);
  for (const { header } of files) {
    if (header.rows !== first.rows || header.columns !== first.columns) throw mixed('different image sizes');
    if (header.samplesPerPixel !== first.samplesPerPixel) throw mixed('different samples per pixel');
    if (header.frames !== 1) throw mixed('multi-frame file inside a series');
    const a = header.orientation;
    const b = first.orientation;
    if ((a === undefined) !== (b === undefined)) throw mixed('orientation missing in some files');
    if (a && b && a.some((v, i) => Math.abs(v - (b[i] ?? 0)) > 1e-3)) throw mixed('different orientations');
  }
}

/** Sorts along the slice normal when every file has a position; otherwise by InstanceNumber, then name. */
function sortSlices(files: { name: string; parsed: ParsedDicom }[]): { name: string; parsed: ParsedDicom }[] {
  const orientation = files[0]?.parsed.header.orientation;
  const normal = orientation
    ? cross(orientation.slice(0, 3), orientation.slice(3, 6))
    : cross(LPS_ROW, LPS_COLUMN);
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name, 'en', { numeric: true });
  if (files.every((f) => f.parsed.header.position)) {
    const keyed = files.map((f) => ({ f, key: dot(f.parsed.header.position ?? [], normal) }));
    keyed.sort((a, b) => a.key - b.key || byName(a.f, b.f));
    for (let i = 1; i < keyed.length; i++) {
      if (Math.abs((keyed[i]?.key ?? 0) - (keyed[i - 1]?.key ?? 0)) < 1e-3)
        throw mixed('two images at the same position');
    }
    return keyed.map((k) => k.f);
  }
  return [...files].sort(
    (a, b) => (a.parsed.header.instanceNumber ?? 0) - (b.parsed.header.instanceNumber ?? 0) || byName(a, b),
  );
}

/**
 * Voxel (column i, row j, slice k) → RAS+ affine. DICOM patient coordinates are LPS, so the x and y
 * rows are negated. The slice step is the mean step between first and last positions.
 */
function seriesGeometry(sorted: DicomHeader[]): VolumeGeometry {
  const first = sorted[0] as DicomHeader;
  const last = sorted[sorted.length - 1] as DicomHeader;
  const [rowSpacing, colSpacing] = first.pixelSpacing ?? [1, 1];
  const rowCos = first.orientation?.slice(0, 3) ?? LPS_ROW;
  const colCos = first.orientation?.slice(3, 6) ?? LPS_COLUMN;
  const normal = cross(rowCos, colCos);
  const origin = first.position ?? [0, 0, 0];
  let step: number[];
  if (sorted.length > 1 && first.position && last.position) {
    step = [0, 1, 2].map((a) => ((last.position?.[a] ?? 0) - (origin[a] ?? 0)) / (sorted.length - 1));
  } else {
    step = normal.map((n) => n * (first.sliceSpacing ?? 1));
  }
  const lps = [0, 1, 2].map((a) => [
    (rowCos[a] ?? 0) * colSpacing,
    (colCos[a] ?? 0) * rowSpacing,
    step[a] ?? 0,
    origin[a] ?? 0,
  ]);
  const affine = [
    ...(lps[0] ?? []).map((v) => -v),
    ...(lps[1] ?? []).map((v) => -v),
    ...(lps[2] ?? []),
    0,
    0,
    0,
    1,
  ].map((v) => (Object.is(v, -0) ? 0 : v));
  const dims: [number, number, number] = [first.columns, first.rows, sorted.length];
  return {
    dims,
    spacingMm: [colSpacing, rowSpacing, Math.hypot(step[0] ?? 0, step[1] ?? 0, step[2] ?? 0) || 1],
    affine,
    displayAxes: displayAxesFromAffine(affine, dims),
  };
}

/**
 * The files of ONE series → a volume in storage order (column, row, slice sorted along the normal).
 * Files that are not DICOM or hold no image (a DICOMDIR, a report) are skipped.
 */
export async function decodeDicomSeries(
  files: { name: string; bytes: Uint8Array }[],
  options: DecodeOptions,
): Promise<DecodedImage> {
  const images: { name: string; bytes: Uint8Array; parsed: ParsedDicom }[] = [];
  let sawDicom = false;
  for (const file of files) {
    if (!isDicom(file.bytes)) continue;
    sawDicom = true;
    try {
      images.push({ name: file.name, bytes: file.bytes, parsed: parseDicomFile(file.bytes, options) });
    } catch (error) {
      if (error instanceof InputError && error.code === ErrorCode.DicomNoPixelData) continue;
      throw error;
    }
  }
  if (images.length === 0) {
    if (sawDicom) {
      throw new InputError(
        ErrorCode.DicomNoPixelData,
        'None of these DICOM files holds an image. Please send an image series.',
      );
    }
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      'No DICOM files were found. Please send the files of one DICOM series.',
    );
  }
  // One image (or one multi-frame file) is not a volume: decode it as a single file.
  const [only] = images;
  if (images.length === 1 && only) return decodeDicomFile(only.bytes, options);

  checkSameSeries(images.map((i) => i.parsed));
  const first = images[0]?.parsed.header as DicomHeader;
  const pixelCount = first.rows * first.columns;
  if (pixelCount * images.length > options.maxVoxels) {
    throw tooLarge(`${first.columns}×${first.rows}×${images.length} voxels`, options.maxVoxels);
  }
  const sorted = sortSlices(images).map((i) => i.parsed);
  const data = new Float32Array(pixelCount * sorted.length);
  for (let k = 0; k < sorted.length; k++)
    data.set(await decodeFrameValues(sorted[k] as ParsedDicom, 0), k * pixelCount);
  const reference = sorted[0]?.header as DicomHeader;
  applyWindow(data, chooseWindow(reference, data), reference.photometric === 'MONOCHROME1');

  const geometry = seriesGeometry(sorted.map((s) => s.header));
  const { displayAxes, dims, spacingMm } = geometry;
  const sliceCount = dims[displayAxes.slice.axis];
  return {
    format: 'dicom-series',
    modality: reference.modality,
    sliceCount,
    defaultSlice: Math.floor(sliceCount / 2),
    slice(index: number): Slice {
      const plane = extractDisplaySlice(data, geometry, index);
      return {
        width: plane.width,
        height: plane.height,
        pixels: plane.data,
        pixelSpacingMm: [spacingMm[displayAxes.row.axis], spacingMm[displayAxes.col.axis]],
      };
    },
    storage: { kind: 'volume', geometry },
    description: describe(reference, dims.join('×')),
    dicomSource: sourceReference(
      sorted.map((s) => s.header),
      geometry,
    ),
  };
}

/** True for zip entries that are folders or desktop litter (macOS resource forks, hidden files). */
function isIgnoredEntry(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('.') || base === '';
}

/**
 * A zip of one series → `decodeDicomSeries`. Entry count and total declared uncompressed size are
 * checked from the central directory before anything is inflated; fflate inflates each entry into a
 * buffer of its declared size, so a lying header cannot grow the output either.
 */
export async function decodeDicomZip(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  let entries = 0;
  let totalBytes = 0;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter(file) {
        if (isIgnoredEntry(file.name)) return false;
        entries += 1;
        totalBytes += file.originalSize;
        if (entries > MAX_ZIP_ENTRIES)
          throw tooLarge(`more than ${MAX_ZIP_ENTRIES} files in the zip`, MAX_ZIP_ENTRIES);
        if (totalBytes > options.maxBytes) throw tooLarge(`${totalBytes} bytes unpacked`, options.maxBytes);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      ErrorCode.InputCorrupt,
      'This zip file is damaged and cannot be opened. Please create it again.',
      {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      },
    );
  }
  const files = Object.entries(unpacked).map(([name, data]) => ({ name, bytes: data }));
  return decodeDicomSeries(files, options);
}
