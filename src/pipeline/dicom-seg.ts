/**
 * DICOM Segmentation (SEG) export: one binary segment per organ, one frame per organ per source
 * image it appears on, each frame pointing back at its source image, so PACS viewers, OHIF and 3D
 * Slicer lay the masks on the original series.
 *
 * The conversation never keeps the source headers (they name the patient), only the
 * `DicomSourceReference`: UIDs, grid and geometry. The SEG therefore carries an empty Patient module
 * (all type 2) and says so (Patient Identity Removed, de-identification codes for the Basic Profile
 * with the Retain UIDs option); a PACS that files by Study Instance UID places it in the study.
 */
import { randomUUID } from 'node:crypto';
import dcmjs from 'dcmjs';
import type { DicomSourceReference } from './decode/types.js';
import { type OrganId, organById } from './organs.js';

export const SEGMENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Root of this implementation's own UIDs (a fixed UUID-derived 2.25 UID). */
const IMPLEMENTATION_CLASS_UID = '2.25.163870929226385632462426412426946381521';

interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

const sct = (value: string, meaning: string): Code => ({
  CodeValue: value,
  CodingSchemeDesignator: 'SCT',
  CodeMeaning: meaning,
});

const ANATOMICAL_STRUCTURE = sct('123037004', 'Anatomical Structure');

/** SNOMED CT body-structure codes (DICOM CID 7166 / the TotalSegmentator mapping). */
const ORGAN_CODES: Record<OrganId, Code> = {
  1: sct('10200004', 'Liver'),
  2: sct('9846003', 'Right kidney'),
  3: sct('78961009', 'Spleen'),
  4: sct('15776009', 'Pancreas'),
  5: sct('15825003', 'Aorta'),
  6: sct('64131007', 'Inferior vena cava'),
  7: sct('29392005', 'Right adrenal gland'),
  8: sct('12003004', 'Left adrenal gland'),
  9: sct('28231008', 'Gallbladder'),
  10: sct('32849002', 'Esophagus'),
  11: sct('69695003', 'Stomach'),
  12: sct('38848004', 'Duodenum'),
  13: sct('18639004', 'Left kidney'),
};

/** A new globally unique UID from a random UUID (PS3.5 B.2). */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/** `#rrggbb` → DICOM PCS CIELab (D50), scaled to 0..65535 as RecommendedDisplayCIELabValue wants. */
export function cieLabOf(hex: string): [number, number, number] {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [channel(0), channel(1), channel(2)];
  // sRGB → XYZ, already adapted to D50 (Bradford), as in the ICC sRGB profile.
  const x = 0.4360747 * r + 0.3850649 * g + 0.1430804 * b;
  const y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b;
  const z = 0.0139322 * r + 0.0971045 * g + 0.7141733 * b;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x / 0.9642), f(y / 1), f(z / 0.8249)];
  const l = 116 * fy - 16;
  const a = 500 * (fx - fy);
  const bb = 200 * (fy - fz);
  const clamp = (v: number) => Math.max(0, Math.min(65535, Math.round(v)));
  return [clamp((l * 65535) / 100), clamp(((a + 128) * 65535) / 255), clamp(((bb + 128) * 65535) / 255)];
}

/** Decimal strings stay within DS's 16 characters. */
const ds = (v: number) => Number(v.toFixed(6));

export interface DicomSegInput {
  source: DicomSourceReference;
  /** One organ-id label map per source frame (rows × columns, row-major), in `source.frames` order. */
  labels: Uint8Array[];
  /** The organs to export, in segment order; organs with no pixel anywhere are left out. */
  organs: OrganId[];
  modelVersion: string;
  softwareVersion: string;
  now?: Date;
}

export interface DicomSegResult {
  bytes: Uint8Array;
  /** The organs that became segments (1-based segment number = index + 1). */
  segments: OrganId[];
  frames: number;
}

function dicomDate(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

function dicomTime(d: Date): string {
  return d.toISOString().slice(11, 19).replace(/:/g, '');
}

/**
 * Builds the SEG. Returns undefined when none of the organs has a pixel (a SEG needs at least one
 * frame). Throws RangeError when `labels` does not match the source grid.
 */
export function writeDicomSeg(input: DicomSegInput): DicomSegResult | undefined {
  const { source, labels } = input;
  const { rows, columns } = source;
  const plane = rows * columns;
  if (labels.length !== source.frames.length) {
    throw new RangeError(`${labels.length} label frames for ${source.frames.length} source images`);
  }
  for (const frame of labels) {
    if (frame.length !== plane)
      throw new RangeError(`label frame of ${frame.length} values, expected ${plane}`);
  }

  // Which organs appear on which source frames.
  const wanted = new Set(input.organs);
  const present = new Map<OrganId, Set<number>>();
  labels.forEach((frame, n) => {
    for (let i = 0; i < plane; i++) {
      const value = frame[i] as number;
      if (value === 0 || !wanted.has(value as OrganId)) continue;
      const id = value as OrganId;
      const on = present.get(id) ?? new Set<number>();
      on.add(n);
      present.set(id, on);
    }
  });
  const segments = input.organs.filter((id, i, all) => present.has(id) && all.indexOf(id) === i);
  if (segments.length === 0) return undefined;

  const spatial =
    source.frameOfReferenceUid !== undefined &&
    source.orientation !== undefined &&
    source.frames.every((f) => f.position !== undefined);

  // Frames ordered by segment, then along the slice normal (the dimension index order).
  const frameList: { segment: number; organ: OrganId; source: number }[] = [];
  segments.forEach((organ, s) => {
    const on = [...(present.get(organ) ?? [])].sort((a, b) => a - b);
    for (const n of on) frameList.push({ segment: s + 1, organ, source: n });
  });

  const bits = new Uint8Array(Math.ceil((frameList.length * plane) / 8));
  frameList.forEach((f, index) => {
    const frame = labels[f.source] as Uint8Array;
    const base = index * plane;
    for (let i = 0; i < plane; i++) {
      if (frame[i] !== f.organ) continue;
      const bit = base + i;
      bits[bit >> 3] = (bits[bit >> 3] as number) | (1 << (bit & 7));
    }
  });

  const now = input.now ?? new Date();
  const sopInstanceUid = newUid();
  const dimensionUid = newUid();
  const sourceCode = {
    CodeValue: '121322',
    CodingSchemeDesignator: 'DCM',
    CodeMeaning: 'Source image for image processing operation',
  };

  const perFrame = frameList.map((f) => {
    const src = source.frames[f.source] as DicomSourceReference['frames'][number];
    const item: Record<string, unknown> = {
      FrameContentSequence: [
        {
          DimensionIndexValues: spatial ? [f.segment, f.source + 1] : [f.segment],
          StackID: '1',
          InStackPositionNumber: f.source + 1,
        },
      ],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ReferencedSOPClassUID: src.sopClassUid,
              ReferencedSOPInstanceUID: src.sopInstanceUid,
              PurposeOfReferenceCodeSequence: [sourceCode],
            },
          ],
          DerivationCodeSequence: [
            { CodeValue: '113076', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Segmentation' },
          ],
        },
      ],
    };
    if (spatial && src.position)
      item.PlanePositionSequence = [{ ImagePositionPatient: src.position.map(ds) }];
    return item;
  });

  const shared: Record<string, unknown> = {};
  if (spatial && source.orientation) {
    shared.PlaneOrientationSequence = [{ ImageOrientationPatient: source.orientation.map(ds) }];
  }
  if (source.pixelSpacing) {
    const measures: Record<string, unknown> = { PixelSpacing: source.pixelSpacing.map(ds) };
    const step = source.geometry?.spacingMm[2];
    const thickness = source.sliceThickness ?? step;
    if (thickness !== undefined) measures.SliceThickness = ds(thickness);
    if (step !== undefined && source.frames.length > 1) measures.SpacingBetweenSlices = ds(step);
    shared.PixelMeasuresSequence = [measures];
  }

  const dimensionIndex = [
    {
      DimensionOrganizationUID: dimensionUid,
      DimensionIndexPointer: 0x0062000b, // ReferencedSegmentNumber
      FunctionalGroupPointer: 0x0062000a, // SegmentIdentificationSequence
      DimensionDescriptionLabel: 'ReferencedSegmentNumber',
    },
  ];
  if (spatial) {
    dimensionIndex.push({
      DimensionOrganizationUID: dimensionUid,
      DimensionIndexPointer: 0x00200032, // ImagePositionPatient
      FunctionalGroupPointer: 0x00209113, // PlanePositionSequence
      DimensionDescriptionLabel: 'ImagePositionPatient',
    });
  }

  const algorithm = `organ-seg ${input.modelVersion}`;
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_SOP_CLASS,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: dicomDate(now),
    InstanceCreationTime: dicomTime(now),
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentDate: dicomDate(now),
    ContentTime: dicomTime(now),
    // Patient and study modules: type 2, deliberately empty (never kept by the bot).
    PatientName: '',
    PatientID: '',
    PatientBirthDate: '',
    PatientSex: '',
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: 'Patient and study identity not kept; UIDs retained',
    DeidentificationMethodCodeSequence: [
      {
        CodeValue: '113100',
        CodingSchemeDesignator: 'DCM',
        CodeMeaning: 'Basic Application Confidentiality Profile',
      },
      { CodeValue: '113110', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Retain UIDs Option' },
    ],
    StudyInstanceUID: source.studyInstanceUid,
    StudyDate: '',
    StudyTime: '',
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: '',
    Modality: 'SEG',
    SeriesInstanceUID: newUid(),
    SeriesNumber: 9901,
    SeriesDescription: `Organ-Seg Bot organs (${input.modelVersion})`,
    InstanceNumber: 1,
    Manufacturer: 'Organ-Seg Bot',
    ManufacturerModelName: algorithm,
    DeviceSerialNumber: '1',
    SoftwareVersions: input.softwareVersion,
    ContentLabel: 'ORGANS',
    ContentDescription: 'Abdominal organs, automatic (not for diagnosis)',
    ContentCreatorName: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: segments.map((organ, s) => ({
      SegmentNumber: s + 1,
      SegmentLabel: organById(organ).name,
      SegmentAlgorithmType: 'AUTOMATIC',
      SegmentAlgorithmName: algorithm,
      SegmentedPropertyCategoryCodeSequence: [ANATOMICAL_STRUCTURE],
      SegmentedPropertyTypeCodeSequence: [ORGAN_CODES[organ]],
      RecommendedDisplayCIELabValue: cieLabOf(organById(organ).colour),
    })),
    NumberOfFrames: frameList.length,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionUid }],
    DimensionIndexSequence: dimensionIndex,
    SharedFunctionalGroupsSequence: [shared],
    PerFrameFunctionalGroupsSequence: perFrame,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: source.seriesInstanceUid,
        ReferencedInstanceSequence: source.frames.map((f) => ({
          ReferencedSOPClassUID: f.sopClassUid,
          ReferencedSOPInstanceUID: f.sopInstanceUid,
        })),
      },
    ],
    PixelData: bits.buffer,
    _vrMap: { PixelData: 'OB' },
  };
  if (spatial) {
    dataset.FrameOfReferenceUID = source.frameOfReferenceUid;
    dataset.PositionReferenceIndicator = '';
  }

  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const file = new DicomDict(
    DicomMetaDictionary.denaturalizeDataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: SEGMENTATION_SOP_CLASS,
      MediaStorageSOPInstanceUID: sopInstanceUid,
      TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: 'ORGANSEG',
    }),
  );
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return { bytes: new Uint8Array(file.write()), segments, frames: frameList.length };
}
