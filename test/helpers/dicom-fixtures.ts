/**
 * Synthetic DICOM fixtures written with dcmjs, plus encoders for each compressed transfer syntax:
 * CharLS (JPEG-LS) and OpenJPEG (JPEG 2000) from the full WASM builds, sharp for JPEG baseline, and
 * small hand-written RLE and JPEG Lossless (process 14, predictor 1) encoders.
 */
import dcmjs from 'dcmjs';
import { deflateSync, zipSync } from 'fflate';
import sharp from 'sharp';

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSv1: '1.2.840.10008.1.2.4.70',
  jpegLs: '1.2.840.10008.1.2.4.80',
  jpegLsNear: '1.2.840.10008.1.2.4.81',
  j2kLossless: '1.2.840.10008.1.2.4.90',
  j2k: '1.2.840.10008.1.2.4.91',
  rle: '1.2.840.10008.1.2.5',
  htj2k: '1.2.840.10008.1.2.4.201',
} as const;

export const PATIENT_NAME = 'Fixture^Patient^Secret';
export const PRIVATE_TEXT = 'PRIVATE-VENDOR-NOTE';

export interface FixtureOptions {
  rows: number;
  columns: number;
  /** Raw native pixel bytes (little endian) or, for compressed syntaxes, one encoded bitstream per frame. */
  pixelData: ArrayBuffer | ArrayBuffer[];
  transferSyntax?: string;
  modality?: string;
  bitsAllocated?: number;
  bitsStored?: number;
  pixelRepresentation?: 0 | 1;
  samplesPerPixel?: number;
  planarConfiguration?: 0 | 1;
  photometric?: string;
  slope?: number;
  intercept?: number;
  windowCenter?: number | number[];
  windowWidth?: number | number[];
  pixelSpacing?: [number, number];
  position?: [number, number, number];
  orientation?: [number, number, number, number, number, number];
  seriesUid?: string;
  sopInstanceUid?: string;
  frameOfReferenceUid?: string;
  instanceNumber?: number;
  numberOfFrames?: number;
  /** Leave out the Pixel Data element entirely. */
  omitPixelData?: boolean;
}

/** A Part 10 file carrying identifying tags (to test they never leak) and one private tag. */
export function makeDicom(o: FixtureOptions): Uint8Array {
  const ts = o.transferSyntax ?? TS.explicitLE;
  const bitsAllocated = o.bitsAllocated ?? 16;
  const dataset: Record<string, unknown> = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: o.sopInstanceUid ?? `2.25.${Math.floor(Math.random() * 1e15)}`,
    StudyInstanceUID: '2.25.1000',
    SeriesInstanceUID: o.seriesUid ?? '2.25.2000',
    FrameOfReferenceUID: o.frameOfReferenceUid ?? '2.25.3000',
    StudyDate: '20240102',
    StudyTime: '101500',
    AccessionNumber: 'ACC-778899',
    InstitutionName: 'Fixture General Hospital',
    ReferringPhysicianName: 'Referrer^Doctor',
    PatientName: PATIENT_NAME,
    PatientID: 'PID-445566',
    PatientBirthDate: '19600101',
    PatientSex: 'F',
    Modality: o.modality ?? 'CT',
    Rows: o.rows,
    Columns: o.columns,
    BitsAllocated: bitsAllocated,
    BitsStored: o.bitsStored ?? bitsAllocated,
    HighBit: (o.bitsStored ?? bitsAllocated) - 1,
    PixelRepresentation: o.pixelRepresentation ?? 0,
    SamplesPerPixel: o.samplesPerPixel ?? 1,
    PhotometricInterpretation: o.photometric ?? 'MONOCHROME2',
  };
  if ((o.samplesPerPixel ?? 1) > 1) dataset.PlanarConfiguration = o.planarConfiguration ?? 0;
  if (o.slope !== undefined) dataset.RescaleSlope = o.slope;
  if (o.intercept !== undefined) dataset.RescaleIntercept = o.intercept;
  if (o.windowCenter !== undefined) dataset.WindowCenter = o.windowCenter;
  if (o.windowWidth !== undefined) dataset.WindowWidth = o.windowWidth;
  if (o.pixelSpacing) dataset.PixelSpacing = o.pixelSpacing;
  if (o.position) dataset.ImagePositionPatient = o.position;
  if (o.orientation) dataset.ImageOrientationPatient = o.orientation;
  if (o.instanceNumber !== undefined) dataset.InstanceNumber = o.instanceNumber;
  if (o.numberOfFrames !== undefined) dataset.NumberOfFrames = o.numberOfFrames;
  if (!o.omitPixelData) {
    let pixelData = Array.isArray(o.pixelData) ? o.pixelData : [o.pixelData];
    // dcmjs copies Pixel Data bytes verbatim even for big endian, so hand it big-endian words.
    if (ts === TS.explicitBE && bitsAllocated === 16) pixelData = pixelData.map(swapWords);
    dataset.PixelData = pixelData;
    const encapsulated = ![TS.implicitLE, TS.explicitLE, TS.explicitBE, TS.deflated].includes(ts as never);
    dataset._vrMap = { PixelData: bitsAllocated > 8 && !encapsulated ? 'OW' : 'OB' };
  }
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const writtenSyntax = ts === TS.deflated ? TS.explicitLE : ts;
  const file = new DicomDict(
    DicomMetaDictionary.denaturalizeDataset({
      MediaStorageSOPClassUID: dataset.SOPClassUID,
      MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
      TransferSyntaxUID: writtenSyntax,
      ImplementationClassUID: '2.25.42',
    }),
  );
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  file.dict['00091010'] = { vr: 'LO', Value: [PRIVATE_TEXT] };
  const bytes = new Uint8Array(file.write());
  return ts === TS.deflated ? deflateDataSet(bytes) : bytes;
}

function swapWords(buffer: ArrayBuffer): ArrayBuffer {
  const bytes = new Uint8Array(buffer.slice(0));
  for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1] ?? 0, bytes[i] ?? 0];
  return bytes.buffer;
}

/** Rewrites an Explicit VR Little Endian file as Deflated Explicit VR Little Endian. */
function deflateDataSet(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // (0002,0000) UL group length sits right after 'DICM': tag(4) VR(2) len(2) value(4).
  const metaEnd = 132 + 12 + view.getUint32(140, true);
  const meta = new TextDecoder('latin1').decode(bytes.subarray(0, metaEnd));
  const from = `${TS.explicitLE}\0`;
  const to: string = TS.deflated;
  if (!meta.includes(from)) throw new Error('fixture: transfer syntax not found in meta header');
  // Re-encode the meta header with the longer UID: rebuild the (0002,0010) element and group length.
  const pos = meta.indexOf(from) - 8;
  const oldLength = view.getUint16(pos + 6, true);
  const padded = to.length % 2 ? `${to}\0` : to;
  const element = new Uint8Array(8 + padded.length);
  element.set(bytes.subarray(pos, pos + 6));
  new DataView(element.buffer).setUint16(6, padded.length, true);
  element.set(new TextEncoder().encode(padded), 8);
  const newMeta = new Uint8Array(metaEnd - oldLength + padded.length);
  newMeta.set(bytes.subarray(0, pos));
  newMeta.set(element, pos);
  newMeta.set(bytes.subarray(pos + 8 + oldLength, metaEnd), pos + element.length);
  new DataView(newMeta.buffer).setUint32(140, newMeta.length - 144, true);
  const body = deflateSync(bytes.subarray(metaEnd));
  const out = new Uint8Array(newMeta.length + body.length);
  out.set(newMeta);
  out.set(body, newMeta.length);
  return out;
}

// --- Synthetic images -----------------------------------------------------------------------------

/** Hounsfield values of a crude abdomen: air outside, fat rim, soft tissue, a liver, a spine. */
export function abdomenHu(rows: number, columns: number): Int16Array {
  const hu = new Int16Array(rows * columns);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const nx = (x - columns / 2) / (columns * 0.45);
      const ny = (y - rows / 2) / (rows * 0.35);
      const r = nx * nx + ny * ny;
      let v = -1000;
      if (r < 1) v = -100; // subcutaneous fat
      if (r < 0.75) v = 40; // soft tissue
      if (r < 0.75 && nx < -0.1 && ny < 0.2) v = 60; // liver on the patient's right (image left)
      if (Math.hypot(nx, ny - 0.55) < 0.12) v = 700; // vertebral body, posterior
      hu[y * columns + x] = v;
    }
  }
  return hu;
}

export function toBuffer(array: ArrayBufferView): ArrayBuffer {
  return array.buffer.slice(array.byteOffset, array.byteOffset + array.byteLength) as ArrayBuffer;
}

export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 1 });
}

// --- Encoders -------------------------------------------------------------------------------------

/** DICOM RLE (PS3.5 Annex G): one PackBits segment per byte plane, most significant byte first. */
export function encodeRle(
  samples: Uint8Array | Uint16Array,
  pixelCount: number,
  samplesPerPixel: number,
  planar = false,
): ArrayBuffer {
  const bytesPerSample = samples instanceof Uint16Array ? 2 : 1;
  const segments: Uint8Array[] = [];
  for (let s = 0; s < samplesPerPixel; s++) {
    for (let b = bytesPerSample - 1; b >= 0; b--) {
      const plane = new Uint8Array(pixelCount);
      for (let p = 0; p < pixelCount; p++) {
        const value = samples[planar ? s * pixelCount + p : p * samplesPerPixel + s] ?? 0;
        plane[p] = (value >> (8 * b)) & 0xff;
      }
      segments.push(packBits(plane));
    }
  }
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    header.setUint32(4 + i * 4, offset, true);
    offset += segment.length;
  });
  const out = new Uint8Array(offset);
  out.set(new Uint8Array(header.buffer));
  offset = 64;
  for (const segment of segments) {
    out.set(segment, offset);
    offset += segment.length;
  }
  return out.buffer;
}

function packBits(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    let run = 1;
    while (i + run < data.length && run < 128 && data[i + run] === data[i]) run++;
    if (run >= 2) {
      out.push((1 - run) & 0xff, data[i] ?? 0);
      i += run;
      continue;
    }
    let literal = 1;
    while (i + literal < data.length && literal < 128 && data[i + literal] !== data[i + literal - 1])
      literal++;
    out.push(literal - 1, ...data.subarray(i, i + literal));
    i += literal;
  }
  if (out.length % 2) out.push(0x80); // even length: the -128 no-op
  return Uint8Array.from(out);
}

// A fresh options object per module: emscripten adopts it as the Module, so sharing one breaks the second.
const quiet = () => ({ print: () => {}, printErr: () => {} });
let charls: ReturnType<typeof loadCharls> | undefined;
let openjpeg: ReturnType<typeof loadOpenJpeg> | undefined;

async function loadCharls() {
  const { default: factory } = await import('@cornerstonejs/codec-charls/wasmjs');
  return factory(quiet());
}

async function loadOpenJpeg() {
  const { default: factory } = await import('@cornerstonejs/codec-openjpeg/wasmjs');
  return factory(quiet());
}

export async function encodeJpegLs(
  samples: Uint16Array | Uint8Array,
  width: number,
  height: number,
  nearLossless = 0,
): Promise<ArrayBuffer> {
  charls ??= loadCharls();
  const codec = await charls;
  const encoder = new codec.JpegLSEncoder() as InstanceType<typeof codec.JpegLSEncoder> & {
    setNearLossless(n: number): void;
  };
  const bits = samples instanceof Uint16Array ? 16 : 8;
  encoder
    .getDecodedBuffer({ width, height, bitsPerSample: bits, componentCount: 1, isSigned: false })
    .set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  if (nearLossless) encoder.setNearLossless(nearLossless);
  encoder.encode();
  const out = encoder.getEncodedBuffer().slice();
  encoder.delete();
  return out.buffer;
}

export async function encodeJ2k(
  samples: Uint16Array | Uint8Array,
  width: number,
  height: number,
): Promise<ArrayBuffer> {
  openjpeg ??= loadOpenJpeg();
  const codec = await openjpeg;
  const encoder = new codec.J2KEncoder();
  const bits = samples instanceof Uint16Array ? 16 : 8;
  encoder
    .getDecodedBuffer({ width, height, bitsPerSample: bits, componentCount: 1, isSigned: false })
    .set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  encoder.setDecompositions(2); // tiny fixtures cannot take OpenJPEG's default of 5 levels
  encoder.encode();
  const out = encoder.getEncodedBuffer().slice();
  encoder.delete();
  return out.buffer;
}

/**
 * JPEG baseline via sharp (libvips/libjpeg). The libjpeg-turbo-8bit WASM package ships an encoder,
 * but its encode() traps with "memory access out of bounds" in this build, so it cannot make fixtures.
 */
export async function encodeJpegBaseline(
  samples: Uint8Array,
  width: number,
  height: number,
  channels: 1 | 3,
): Promise<ArrayBuffer> {
  const image = sharp(Buffer.from(samples), { raw: { width, height, channels } });
  // libvips would otherwise write a one-channel input as a three-component (sRGB) JPEG.
  const jpeg = await (channels === 1 ? image.toColourspace('b-w') : image)
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return toBuffer(jpeg);
}

/**
 * JPEG Lossless, process 14, first-order prediction (selection value 1), one component, one
 * Huffman table where every difference category 0–16 has a 5-bit code. Enough for fixtures.
 */
export function encodeJpegLossless(
  samples: Uint16Array | Uint8Array,
  width: number,
  height: number,
): ArrayBuffer {
  const precision = samples instanceof Uint16Array ? 16 : 8;
  const modulo = 2 ** 16;
  const bytes: number[] = [];
  const marker = (code: number, payload: number[]) => {
    bytes.push(0xff, code, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload);
  };
  bytes.push(0xff, 0xd8);
  marker(0xc3, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const counts = new Array(16).fill(0);
  counts[4] = 17; // 17 codes of length 5: 00000 … 10000
  marker(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, i) => i)]);
  marker(0xda, [1, 1, 0x00, 1, 0, 0]);

  let acc = 0;
  let nbits = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      nbits++;
      if (nbits === 8) {
        bytes.push(acc);
        if (acc === 0xff) bytes.push(0); // byte stuffing
        acc = 0;
        nbits = 0;
      }
    }
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = samples[y * width + x] ?? 0;
      let prediction: number;
      if (x === 0 && y === 0) prediction = 2 ** (precision - 1);
      else if (y === 0) prediction = samples[x - 1] ?? 0;
      else if (x === 0) prediction = samples[(y - 1) * width] ?? 0;
      else prediction = samples[y * width + x - 1] ?? 0;
      let diff = (value - prediction) % modulo;
      if (diff > 32768) diff -= modulo;
      if (diff < -32767) diff += modulo;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      put(category, 5);
      if (category > 0 && category < 16) put(diff >= 0 ? diff : diff + 2 ** category - 1, category);
    }
  }
  if (nbits > 0) put(0xff, 8 - nbits); // pad with ones
  bytes.push(0xff, 0xd9);
  return Uint8Array.from(bytes).buffer;
}
