/**
 * What every decoder produces: slices in radiological display orientation (patient right on image
 * left, anterior up) with intensities in [0, 1], plus the geometry to map results back to the
 * file's own pixel or voxel grid.
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'dicom' | 'dicom-series' | 'nifti';
export type Modality = 'CT' | 'MR' | 'other' | 'unknown';

/** One displayable slice. `pixels` is row-major, `width * height` long, values in [0, 1]. */
export interface Slice {
  width: number;
  height: number;
  pixels: Float32Array;
  /** Physical size of one pixel in mm as [vertical (row step), horizontal (column step)], when known. */
  pixelSpacingMm?: [number, number];
}

/** Maps one display axis onto a storage axis of a volume. */
export interface AxisMap {
  /** Storage axis (0 = fastest varying, x in NIfTI). */
  axis: 0 | 1 | 2;
  /** True when display index 0 is the last storage index along that axis. */
  flip: boolean;
}

/** How display (slice, row, column) indices map onto a volume's storage (i, j, k) grid. */
export interface DisplayAxes {
  col: AxisMap;
  row: AxisMap;
  slice: AxisMap;
}

/** A volume in its storage grid, as read from the file (x fastest). */
export interface VolumeGeometry {
  /** Storage dimensions [nx, ny, nz]. */
  dims: [number, number, number];
  /** Voxel size in mm along the storage axes. */
  spacingMm: [number, number, number];
  /** 4×4 voxel-index → RAS+ millimetre affine, row-major (NIfTI convention). */
  affine: number[];
  displayAxes: DisplayAxes;
}

export type StorageGrid =
  | { kind: 'plane'; width: number; height: number }
  | {
      kind: 'volume';
      geometry: VolumeGeometry;
      /** The source's NIfTI-1 header, reused so label maps keep the exact affine (qform and sform). */
      niftiHeader?: Uint8Array;
    };

/** Display slice index of storage slice `n` (0-based, as `data[:, :, n]` in nibabel). */
export function displayIndexOfStorageSlice(storage: StorageGrid, n: number): number {
  if (storage.kind === 'plane') return n;
  const { slice } = storage.geometry.displayAxes;
  const count = storage.geometry.dims[slice.axis];
  return slice.flip ? count - 1 - n : n;
}

/** One source image a DICOM SEG can point back to. */
export interface DicomSourceFrame {
  sopClassUid: string;
  sopInstanceUid: string;
  /** ImagePositionPatient (LPS, mm) of the image's first pixel, when the file has one. */
  position?: [number, number, number];
}

/**
 * What a DICOM SEG needs to refer to its source images, and nothing that names the patient: UIDs
 * (kept under the PS3.15 "Retain UIDs" option so a viewer can lay the SEG on the original series),
 * the image grid and the patient-space geometry.
 */
export interface DicomSourceReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  modality: Modality;
  rows: number;
  columns: number;
  /** [row spacing, column spacing] in mm. */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  /** ImageOrientationPatient: row direction cosines then column direction cosines (LPS). */
  orientation?: [number, number, number, number, number, number];
  /** The source images in storage order: one for a single file, sorted along the normal for a series. */
  frames: DicomSourceFrame[];
  /** For a series, the storage grid (columns, rows, frames) and how display slices map onto it. */
  geometry?: VolumeGeometry;
}

export interface DecodedImage {
  format: ImageFormat;
  modality: Modality;
  /** 1 for a 2D image. */
  sliceCount: number;
  /** The slice shown when the user names none (the middle of the volume or the one with most tissue). */
  defaultSlice: number;
  /** Display slice `index` (0-based, inferior → superior for axial volumes). Throws SliceOutOfRange. */
  slice(index: number): Slice;
  storage: StorageGrid;
  /** Non-identifying facts for logs and replies, e.g. "DICOM CT 512×512 (JPEG 2000)". Never names or IDs. */
  description: string;
  /** DICOM inputs only (single-frame files and series): what a DICOM SEG export refers to. */
  dicomSource?: DicomSourceReference;
}

export interface DecodeOptions {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  /** Largest 2D image accepted, in pixels (decompression-bomb guard). */
  maxPixels: number;
  /** Largest volume accepted, in voxels. */
  maxVoxels: number;
  /** A name hint (file name) used only to pick a decoder when the bytes are ambiguous. */
  fileName?: string;
}
