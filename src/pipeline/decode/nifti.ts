/**
 * NIfTI-1 and NIfTI-2 (`.nii`, `.nii.gz`), 2D or 3D (the first volume of 4D data). The affine
 * (sform, else qform, else voxel sizes) decides how slices are shown: radiologically, patient right
 * on image left and anterior up, whatever order the file stores its axes in.
 */
import { constants, gunzipSync } from 'node:zlib';
import { Gunzip } from 'fflate';
import { ErrorCode, InputError } from '../../errors.js';
import { displayAxesFromAffine, extractDisplaySlice } from './geometry.js';
import { clamp01, percentileRange } from './raster.js';
import type { DecodedImage, DecodeOptions, Modality, VolumeGeometry } from './types.js';

export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** dims[0..6] as in the file (dims[0] = number of dimensions). */
  dims: number[];
  datatype: number;
  bitpix: number;
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  /** Display range from the header (cal_min, cal_max); used as the window when max > min. */
  calMin: number;
  calMax: number;
  affine: number[];
  /** The raw header bytes, reused when writing a label map on the same grid. */
  raw: Uint8Array;
}

export interface NiftiVolume {
  header: NiftiHeader;
  /** Intensities (after scl_slope/inter) of the first 3D volume, x fastest; NaN/Inf replaced by 0. */
  data: Float32Array;
  geometry: VolumeGeometry;
}

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** True when the (already gunzipped) bytes start with a NIfTI-1 or NIfTI-2 header. */
export function isNiftiHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 348) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getInt32(0, true);
  const sizeBe = view.getInt32(0, false);
  if (size === 348 || sizeBe === 348) return magicAt(bytes, 344, ['n+1', 'ni1']);
  if ((size === 540 || sizeBe === 540) && bytes.length >= 540) return magicAt(bytes, 4, ['n+2', 'ni2']);
  return false;
}

function magicAt(bytes: Uint8Array, offset: number, accepted: string[]): boolean {
  const text = String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0);
  return accepted.includes(text);
}

/** The first `length` bytes of a gzip stream, inflating only as much as needed (empty when unreadable). */
export function peekGunzip(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  const inflater = new Gunzip((chunk) => {
    const take = Math.min(chunk.length, length - filled);
    out.set(chunk.subarray(0, take), filled);
    filled += take;
  });
  try {
    for (let offset = 0; offset < bytes.length && filled < length; offset += 1024) {
      inflater.push(bytes.subarray(offset, Math.min(bytes.length, offset + 1024)), false);
    }
  } catch {
    // A damaged stream: whatever came out before the damage is all there is.
  }
  return out.subarray(0, filled);
}

/** Gunzips with a hard output cap, so a gzip bomb fails fast instead of filling memory. */
export function gunzipLimited(
  bytes: Uint8Array,
  maxOutputBytes: number,
  options: { partial?: boolean } = {},
): Uint8Array {
  try {
    // `partial` reads what a truncated prefix holds (to peek at a header) instead of failing.
    return gunzipSync(bytes, {
      maxOutputLength: maxOutputBytes,
      finishFlush: options.partial ? constants.Z_SYNC_FLUSH : constants.Z_FINISH,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new InputError(
        ErrorCode.InputTooLarge,
        'This compressed file unpacks to more data than the size limit allows.',
        {
          cause: error,
        },
      );
    }
    throw new InputError(ErrorCode.InputCorrupt, 'This compressed file is damaged or truncated.', {
      cause: error,
    });
  }
}

const DATATYPES: Record<number, { bytes: number; read: (v: DataView, o: number, le: boolean) => number }> = {
  2: { bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
};

function corrupt(detail: string): InputError {
  return new InputError(ErrorCode.InputCorrupt, `This NIfTI file is not valid: ${detail}.`);
}

export function parseNiftiHeader(bytes: Uint8Array): NiftiHeader {
  if (!isNiftiHeader(bytes)) throw corrupt('the header is missing or damaged');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizeLe = view.getInt32(0, true);
  const littleEndian = sizeLe === 348 || sizeLe === 540;
  const version: 1 | 2 = (littleEndian ? sizeLe : view.getInt32(0, false)) === 348 ? 1 : 2;
  const le = littleEndian;
  const dims: number[] = [];
  const pixdim: number[] = [];
  let datatype: number;
  let bitpix: number;
  let voxOffset: number;
  let sclSlope: number;
  let sclInter: number;
  let qformCode: number;
  let sformCode: number;
  let calMin: number;
  let calMax: number;
  let quatern: number[];
  let srow: number[];
  if (version === 1) {
    for (let i = 0; i < 8; i++) dims.push(view.getInt16(40 + 2 * i, le));
    datatype = view.getInt16(70, le);
    bitpix = view.getInt16(72, le);
    for (let i = 0; i < 8; i++) pixdim.push(view.getFloat32(76 + 4 * i, le));
    voxOffset = view.getFloat32(108, le);
    sclSlope = view.getFloat32(112, le);
    sclInter = view.getFloat32(116, le);
    calMax = view.getFloat32(124, le);
    calMin = view.getFloat32(128, le);
    qformCode = view.getInt16(252, le);
    sformCode = view.getInt16(254, le);
    quatern = [256, 260, 264, 268, 272, 276].map((o) => view.getFloat32(o, le));
    srow = Array.from({ length: 12 }, (_, i) => view.getFloat32(280 + 4 * i, le));
  } else {
    for (let i = 0; i < 8; i++) dims.push(Number(view.getBigInt64(16 + 8 * i, le)));
    datatype = view.getInt16(12, le);
    bitpix = view.getInt16(14, le);
    for (let i = 0; i < 8; i++) pixdim.push(view.getFloat64(104 + 8 * i, le));
    voxOffset = Number(view.getBigInt64(168, le));
    sclSlope = view.getFloat64(176, le);
    sclInter = view.getFloat64(184, le);
    calMax = view.getFloat64(192, le);
    calMin = view.getFloat64(200, le);
    qformCode = view.getInt32(344, le);
    sformCode = view.getInt32(348, le);
    quatern = [352, 360, 368, 376, 384, 392].map((o) => view.getFloat64(o, le));
    srow = Array.from({ length: 12 }, (_, i) => view.getFloat64(400 + 8 * i, le));
  }
  const ndim = dims[0] ?? 0;
  if (ndim < 2 || ndim > 7) throw corrupt(`it declares ${ndim} dimensions`);
  for (let i = 1; i <= ndim; i++) {
    const d = dims[i] ?? 0;
    if (!Number.isInteger(d) || d < 1) throw corrupt(`dimension ${i} is ${d}`);
  }
  const affine = niftiAffine(sformCode, srow, qformCode, quatern, pixdim);
  return {
    version,
    littleEndian,
    dims,
    datatype,
    bitpix,
    pixdim,
    voxOffset,
    sclSlope,
    sclInter,
    calMin,
    calMax,
    affine,
    raw: bytes.slice(0, version === 1 ? 348 : 540),
  };
}

/** The voxel → RAS+ affine by NIfTI's precedence: sform, then qform, then voxel sizes alone. */
function niftiAffine(
  sformCode: number,
  srow: number[],
  qformCode: number,
  quatern: number[],
  pixdim: number[],
): number[] {
  const finite = (values: number[]) => values.every(Number.isFinite);
  if (sformCode > 0 && finite(srow) && srow.some((v, i) => i % 4 !== 3 && v !== 0)) {
    return [...srow, 0, 0, 0, 1];
  }
  const [dx, dy, dz] = [1, 2, 3].map((i) =>
    Number.isFinite(pixdim[i]) && (pixdim[i] as number) > 0 ? (pixdim[i] as number) : 1,
  ) as [number, number, number];
  if (qformCode > 0 && finite(quatern)) {
    const [b, c, d, qx, qy, qz] = quatern as [number, number, number, number, number, number];
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
    const qfac = (pixdim[0] ?? 1) < 0 ? -1 : 1;
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ] as [number[], number[], number[]];
    const zs = dz * qfac;
    return [
      ...[(r[0][0] as number) * dx, (r[0][1] as number) * dy, (r[0][2] as number) * zs, qx],
      ...[(r[1][0] as number) * dx, (r[1][1] as number) * dy, (r[1][2] as number) * zs, qy],
      ...[(r[2][0] as number) * dx, (r[2][1] as number) * dy, (r[2][2] as number) * zs, qz],
      0,
      0,
      0,
      1,
    ];
  }
  // NIfTI "method 1": no orientation information; assume the analyze convention (x = left→right).
  return [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1];
}

/** Reads the first 3D volume of a NIfTI file (bytes may be gzipped). */
export function readNifti(
  input: Uint8Array,
  options: Pick<DecodeOptions, 'maxVoxels' | 'maxBytes'>,
): NiftiVolume {
  const bytes = isGzip(input)
    ? gunzipLimited(input, Math.max(options.maxBytes, options.maxVoxels * 8 + 1024))
    : input;
  const header = parseNiftiHeader(bytes);
  const { dims } = header;
  const nx = dims[1] ?? 1;
  const ny = dims[2] ?? 1;
  const nz = (dims[0] ?? 2) >= 3 ? (dims[3] ?? 1) : 1;
  const voxels = nx * ny * nz;
  if (voxels > options.maxVoxels) {
    throw new InputError(
      ErrorCode.InputTooLarge,
      `This volume has ${voxels.toLocaleString('en')} voxels, more than the ${options.maxVoxels.toLocaleString('en')} limit.`,
    );
  }
  const type = DATATYPES[header.datatype];
  if (!type) {
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      `This NIfTI file stores voxels as data type ${header.datatype}, which is not supported (use integers or floats).`,
    );
  }
  const offset = Math.max(header.version === 1 ? 352 : 544, Math.floor(header.voxOffset));
  const needed = offset + voxels * type.bytes;
  if (bytes.length < needed) throw corrupt(`it is truncated (${bytes.length} of ${needed} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slope = Number.isFinite(header.sclSlope) && header.sclSlope !== 0 ? header.sclSlope : 1;
  const inter = Number.isFinite(header.sclInter) && header.sclSlope !== 0 ? header.sclInter : 0;
  const data = new Float32Array(voxels);
  for (let i = 0; i < voxels; i++) {
    const v = type.read(view, offset + i * type.bytes, header.littleEndian) * slope + inter;
    data[i] = Number.isFinite(v) ? v : 0;
  }
  const spacing = [1, 2, 3].map((i) => {
    const p = Math.abs(header.pixdim[i] ?? 1);
    return Number.isFinite(p) && p > 0 ? p : 1;
  }) as [number, number, number];
  const geometry: VolumeGeometry = {
    dims: [nx, ny, nz],
    spacingMm: spacing,
    affine: header.affine,
    displayAxes: displayAxesFromAffine(header.affine, [nx, ny, nz]),
  };
  return { header, data, geometry };
}

/** Guesses CT (Hounsfield units) from the intensity range: air near −1000 and bone above +300. */
export function guessModality(data: Float32Array): Modality {
  const [low, high] = percentileRange(data, 0.001, 0.999);
  return low <= -500 && high >= 200 ? 'CT' : 'MR';
}

/** CT soft-tissue window (level 40, width 400): the window the segmentation model was trained with. */
export const CT_ABDOMEN_WINDOW = { level: 40, width: 400 } as const;

export function decodeNifti(bytes: Uint8Array, options: DecodeOptions): DecodedImage {
  const volume = readNifti(bytes, options);
  const modality = guessModality(volume.data);
  const { calMin, calMax } = volume.header;
  // The header's display range wins when it is set (viewers honour it, and the bot stores derived
  // volumes with it); else CT gets the abdominal window and MR its own intensity range.
  const [low, high] =
    Number.isFinite(calMin) && Number.isFinite(calMax) && calMax > calMin
      ? [calMin, calMax]
      : modality === 'CT'
        ? [
            CT_ABDOMEN_WINDOW.level - CT_ABDOMEN_WINDOW.width / 2,
            CT_ABDOMEN_WINDOW.level + CT_ABDOMEN_WINDOW.width / 2,
          ]
        : percentileRange(volume.data, 0.005, 0.995);
  const span = high > low ? high - low : 1;
  const { geometry } = volume;
  const sliceCount = geometry.dims[geometry.displayAxes.slice.axis];
  const [rowMm, colMm] = [
    geometry.spacingMm[geometry.displayAxes.row.axis],
    geometry.spacingMm[geometry.displayAxes.col.axis],
  ];
  return {
    format: 'nifti',
    modality,
    sliceCount,
    defaultSlice: Math.floor(sliceCount / 2),
    slice: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= sliceCount) {
        throw new InputError(
          ErrorCode.SliceOutOfRange,
          `Slice ${index + 1} does not exist: this volume has ${sliceCount} slices (1 to ${sliceCount}).`,
        );
      }
      const plane = extractDisplaySlice(volume.data, geometry, index);
      const pixels = new Float32Array(plane.data.length);
      for (let i = 0; i < pixels.length; i++) pixels[i] = clamp01(((plane.data[i] as number) - low) / span);
      return { width: plane.width, height: plane.height, pixels, pixelSpacingMm: [rowMm, colMm] };
    },
    storage: {
      kind: 'volume',
      geometry,
      niftiHeader: volume.header.version === 1 ? volume.header.raw : undefined,
    },
    description: `NIfTI-${volume.header.version} ${modality} ${geometry.dims.join('×')} at ${geometry.spacingMm.map((s) => +s.toFixed(2)).join('×')} mm`,
  };
}
