/**
 * One entry point for every input: sniffs the bytes (never trusts the file name alone) and hands
 * them to the right decoder. Unsupported documents (PDF, video, archives of other things) get a
 * friendly coded error that says what to send instead.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, InputError } from '../../errors.js';
import { decodeDicomFile, decodeDicomSeries, decodeDicomZip, isDicom } from './dicom.js';
import { decodeNifti, isGzip, isNiftiHeader, peekGunzip } from './nifti.js';
import { decodeRaster } from './raster.js';
import type { DecodedImage, DecodeOptions } from './types.js';

export type { DecodedImage, DecodeOptions, Slice } from './types.js';

type Sniffed =
  | 'png'
  | 'jpeg'
  | 'webp'
  | 'gif'
  | 'tiff'
  | 'dicom'
  | 'nifti'
  | 'nifti-gz'
  | 'zip'
  | 'pdf'
  | 'video'
  | 'gzip-other'
  | 'unknown';

const SUPPORTED_HINT =
  'Please send a PNG, JPEG or WebP screenshot, a DICOM file (or a folder/zip of one series), or a NIfTI volume.';

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 3) === 'AVI') return 'video';
  if (ascii(bytes, 0, 3) === 'GIF') return 'gif';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (ascii(bytes, 0, 4) === '%PDF') return 'pdf';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    return brand.startsWith('avi') || brand === 'heic' || brand === 'mif1' ? 'unknown' : 'video';
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video'; // Matroska / WebM
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (isDicom(bytes)) return 'dicom';
  if (isNiftiHeader(bytes)) return 'nifti';
  if (isGzip(bytes)) return 'gzip-other';
  return 'unknown';
}

/** Decodes one file's bytes. */
export async function decodeBytes(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  if (bytes.length === 0) {
    throw new InputError(ErrorCode.InputEmpty, `The file is empty (0 bytes). ${SUPPORTED_HINT}`);
  }
  if (bytes.length > options.maxBytes) {
    throw new InputError(
      ErrorCode.InputTooLarge,
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(options.maxBytes / 1048576).toFixed(0)} MB limit.`,
    );
  }
  const kind = sniffFormat(bytes);
  switch (kind) {
    case 'png':
    case 'jpeg':
    case 'webp':
    case 'gif':
    case 'tiff':
      return decodeRaster(bytes, options);
    case 'dicom':
      return decodeDicomFile(bytes, options);
    case 'nifti':
      return decodeNifti(bytes, options);
    case 'zip':
      return decodeDicomZip(bytes, options);
    case 'gzip-other': {
      // Only gzipped NIfTI is accepted; peek at the header before unpacking everything.
      // A damaged stream may not even yield a whole header: its first field (sizeof_hdr) is enough
      // to say "NIfTI" and let the NIfTI reader report the damage precisely.
      const head = peekGunzip(bytes, 544);
      const sizeOfHeader =
        head.length >= 4 ? new DataView(head.buffer, head.byteOffset).getInt32(0, true) : 0;
      if (!isNiftiHeader(head) && sizeOfHeader !== 348 && sizeOfHeader !== 540) {
        throw new InputError(
          ErrorCode.InputUnsupportedFormat,
          `This gzip file does not contain a NIfTI volume. ${SUPPORTED_HINT}`,
        );
      }
      return decodeNifti(bytes, options);
    }
    case 'pdf':
      throw new InputError(
        ErrorCode.InputUnsupportedFormat,
        `PDF documents are not supported. ${SUPPORTED_HINT}`,
      );
    case 'video':
      throw new InputError(
        ErrorCode.InputUnsupportedFormat,
        `Videos are not supported; send a single slice. ${SUPPORTED_HINT}`,
      );
    default:
      throw new InputError(
        ErrorCode.InputUnsupportedFormat,
        `This file's format is not recognised. ${SUPPORTED_HINT}`,
      );
  }
}

/** Most files read from a folder of one DICOM series. */
const MAX_SERIES_FILES = 5000;

/** Decodes a file, or a folder holding one DICOM series. */
export async function decodePath(path: string, options: DecodeOptions): Promise<DecodedImage> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InputError(ErrorCode.InputNotFound, `No file or folder at ${path}.`, { cause: error });
  }
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
    if (names.length === 0) throw new InputError(ErrorCode.InputEmpty, 'The folder is empty.');
    if (names.length > MAX_SERIES_FILES) {
      throw new InputError(
        ErrorCode.InputTooLarge,
        `The folder holds ${names.length} files; at most ${MAX_SERIES_FILES} are read.`,
      );
    }
    const files: { name: string; bytes: Uint8Array }[] = [];
    let total = 0;
    for (const name of names) {
      const full = join(path, name);
      if (!(await stat(full)).isFile()) continue;
      const bytes = await readFile(full);
      total += bytes.length;
      if (total > options.maxBytes) {
        throw new InputError(
          ErrorCode.InputTooLarge,
          'The folder holds more data than the size limit allows.',
        );
      }
      if (isDicom(bytes)) files.push({ name, bytes });
    }
    if (files.length === 0) {
      throw new InputError(
        ErrorCode.InputUnsupportedFormat,
        `The folder holds no DICOM files. ${SUPPORTED_HINT}`,
      );
    }
    return files.length === 1 && files[0]
      ? decodeDicomFile(files[0].bytes, options)
      : decodeDicomSeries(files, options);
  }
  if (info.size > options.maxBytes) {
    throw new InputError(
      ErrorCode.InputTooLarge,
      `The file is ${(info.size / 1048576).toFixed(1)} MB, over the ${(options.maxBytes / 1048576).toFixed(0)} MB limit.`,
    );
  }
  return decodeBytes(await readFile(path), { ...options, fileName: options.fileName ?? path });
}
