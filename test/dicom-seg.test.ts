/**
 * The DICOM SEG writer: read back with dcmjs, every frame's bits must equal the organ's mask on
 * its source image, every frame must point at the right source instance and position, and the
 * header must carry no patient identity. Where dicom3tools' `dciodvfy` is installed (CI installs
 * it), the object is also checked against the standard's IOD definition.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import type { DicomSourceReference } from '../src/pipeline/decode/types.js';
import { cieLabOf, SEGMENTATION_SOP_CLASS, writeDicomSeg } from '../src/pipeline/dicom-seg.js';
import type { OrganId } from '../src/pipeline/organs.js';

// biome-ignore lint/suspicious/noExplicitAny: dcmjs datasets are untyped, read field by field below
type Dataset = Record<string, any>;

function read(bytes: Uint8Array): Dataset {
  const copy = bytes.slice();
  const file = dcmjs.data.DicomMessage.readFile(copy.buffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) as Dataset;
}

/** Frame `f` of a BINARY SEG's bit-packed Pixel Data as 0/1 per pixel. */
function frameBits(ds: Dataset, f: number): Uint8Array {
  const plane = ds.Rows * ds.Columns;
  const data = new Uint8Array(Array.isArray(ds.PixelData) ? ds.PixelData[0] : ds.PixelData);
  const out = new Uint8Array(plane);
  for (let i = 0; i < plane; i++) {
    const bit = f * plane + i;
    out[i] = ((data[bit >> 3] as number) >> (bit & 7)) & 1;
  }
  return out;
}

function asArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

// 7×5: 35 pixels a frame, so frames start mid-byte and the packing is really tested.
const ROWS = 5;
const COLUMNS = 7;

function source(frames = 3): DicomSourceReference {
  return {
    studyInstanceUid: '2.25.111',
    seriesInstanceUid: '2.25.222',
    frameOfReferenceUid: '2.25.333',
    modality: 'CT',
    rows: ROWS,
    columns: COLUMNS,
    pixelSpacing: [0.8, 0.7],
    sliceThickness: 2.5,
    orientation: [1, 0, 0, 0, 1, 0],
    frames: Array.from({ length: frames }, (_, n) => ({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `2.25.9${n}`,
      position: [-100, -120.25, 30 + 2.5 * n] as [number, number, number],
    })),
  };
}

/** Deterministic label frames: liver in frames 0–1 (left part), gallbladder in frame 2, spleen everywhere. */
function labels(): Uint8Array[] {
  return [0, 1, 2].map((n) => {
    const frame = new Uint8Array(ROWS * COLUMNS);
    for (let y = 0; y < ROWS; y++) {
      for (let x = 0; x < COLUMNS; x++) {
        const i = y * COLUMNS + x;
        if (x >= 5) frame[i] = 3;
        else if (n < 2 && x < 3 && y >= n) frame[i] = 1;
        else if (n === 2 && x === 1 && y === 2) frame[i] = 9;
      }
    }
    return frame;
  });
}

describe('writeDicomSeg', () => {
  it('writes one frame per organ per source image holding it, with exact bits and references', () => {
    const frames = labels();
    const seg = writeDicomSeg({
      source: source(),
      labels: frames,
      organs: [1, 9, 3],
      modelVersion: 'test-model',
      softwareVersion: 'organ-seg-bot test',
      now: new Date('2026-01-02T03:04:05Z'),
    });
    if (!seg) throw new Error('no SEG');
    expect(seg.segments).toEqual([1, 9, 3]);
    // liver on frames 0,1; gallbladder on frame 2; spleen on 0,1,2
    expect(seg.frames).toBe(6);

    const ds = read(seg.bytes);
    expect(ds.SOPClassUID).toBe(SEGMENTATION_SOP_CLASS);
    expect(ds.Modality).toBe('SEG');
    expect(ds.SegmentationType).toBe('BINARY');
    expect(ds.StudyInstanceUID).toBe('2.25.111');
    expect(ds.FrameOfReferenceUID).toBe('2.25.333');
    expect(ds.SeriesInstanceUID).not.toBe('2.25.222');
    expect(ds.NumberOfFrames).toBe(6);
    expect([ds.Rows, ds.Columns, ds.BitsAllocated]).toEqual([ROWS, COLUMNS, 1]);
    expect([ds.PatientName, ds.PatientID].flat().filter(Boolean)).toEqual([]);
    expect(ds.PatientIdentityRemoved).toBe('YES');

    const segments = asArray(ds.SegmentSequence);
    expect(segments.map((s: Dataset) => s.SegmentLabel)).toEqual(['Liver', 'Gallbladder', 'Spleen']);
    expect(segments.map((s: Dataset) => asArray(s.SegmentedPropertyTypeCodeSequence)[0].CodeValue)).toEqual([
      '10200004',
      '28231008',
      '78961009',
    ]);
    expect(segments.every((s: Dataset) => s.SegmentAlgorithmType === 'AUTOMATIC')).toBe(true);

    const referenced = asArray(asArray(ds.ReferencedSeriesSequence)[0].ReferencedInstanceSequence);
    expect(referenced.map((r: Dataset) => r.ReferencedSOPInstanceUID)).toEqual([
      '2.25.90',
      '2.25.91',
      '2.25.92',
    ]);

    const expected: { segment: number; organ: OrganId; source: number }[] = [
      { segment: 1, organ: 1, source: 0 },
      { segment: 1, organ: 1, source: 1 },
      { segment: 2, organ: 9, source: 2 },
      { segment: 3, organ: 3, source: 0 },
      { segment: 3, organ: 3, source: 1 },
      { segment: 3, organ: 3, source: 2 },
    ];
    const perFrame = asArray(ds.PerFrameFunctionalGroupsSequence);
    expected.forEach((e, f) => {
      const item = perFrame[f] as Dataset;
      expect(asArray(item.SegmentIdentificationSequence)[0].ReferencedSegmentNumber).toBe(e.segment);
      const sourceImage = asArray(asArray(item.DerivationImageSequence)[0].SourceImageSequence)[0];
      expect(sourceImage.ReferencedSOPInstanceUID).toBe(`2.25.9${e.source}`);
      expect(asArray(item.PlanePositionSequence)[0].ImagePositionPatient.map(Number)).toEqual([
        -100,
        -120.25,
        30 + 2.5 * e.source,
      ]);
      expect(asArray(item.FrameContentSequence)[0].DimensionIndexValues).toEqual([e.segment, e.source + 1]);
      const want = Uint8Array.from(frames[e.source] as Uint8Array, (v) => (v === e.organ ? 1 : 0));
      expect(frameBits(ds, f)).toEqual(want);
    });
    const shared = asArray(ds.SharedFunctionalGroupsSequence)[0];
    expect(asArray(shared.PixelMeasuresSequence)[0].PixelSpacing.map(Number)).toEqual([0.8, 0.7]);
    expect(asArray(shared.PlaneOrientationSequence)[0].ImageOrientationPatient.map(Number)).toEqual([
      1, 0, 0, 0, 1, 0,
    ]);
  });

  it('leaves out organs that were not asked for or have no pixel, and returns nothing when none remain', () => {
    const frames = labels();
    const seg = writeDicomSeg({
      source: source(),
      labels: frames,
      organs: [9, 4],
      modelVersion: 'm',
      softwareVersion: 's',
    });
    expect(seg?.segments).toEqual([9]);
    expect(seg?.frames).toBe(1);
    expect(
      writeDicomSeg({
        source: source(),
        labels: frames,
        organs: [4, 5],
        modelVersion: 'm',
        softwareVersion: 's',
      }),
    ).toBeUndefined();
  });

  it('without a frame of reference it writes no plane geometry and indexes by segment only', () => {
    const src = { ...source(), frameOfReferenceUid: undefined };
    const seg = writeDicomSeg({
      source: src,
      labels: labels(),
      organs: [1],
      modelVersion: 'm',
      softwareVersion: 's',
    });
    const ds = read(seg?.bytes as Uint8Array);
    expect(ds.FrameOfReferenceUID).toBeUndefined();
    expect(asArray(ds.DimensionIndexSequence)).toHaveLength(1);
    expect(asArray(ds.PerFrameFunctionalGroupsSequence)[0].PlanePositionSequence).toBeUndefined();
  });

  it('rejects label frames that do not match the source grid', () => {
    expect(() =>
      writeDicomSeg({
        source: source(),
        labels: labels().slice(1),
        organs: [1],
        modelVersion: 'm',
        softwareVersion: 's',
      }),
    ).toThrow(RangeError);
    expect(() =>
      writeDicomSeg({
        source: source(),
        labels: [new Uint8Array(3), new Uint8Array(3), new Uint8Array(3)],
        organs: [1],
        modelVersion: 'm',
        softwareVersion: 's',
      }),
    ).toThrow(RangeError);
  });

  it('gives each organ its display colour in CIELab', () => {
    // Pure white is L* 100, a* = b* = 0 (within rounding) in the PCS.
    const [l, a, b] = cieLabOf('#ffffff');
    expect(l).toBe(65535);
    expect(Math.abs(a - 32896)).toBeLessThan(80);
    expect(Math.abs(b - 32896)).toBeLessThan(80);
    expect(cieLabOf('#000000')[0]).toBe(0);
  });

  const dciodvfy = spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0;
  it.skipIf(!dciodvfy)(
    'passes dicom3tools dciodvfy without errors (skipped where dicom3tools is not installed)',
    () => {
      const seg = writeDicomSeg({
        source: source(),
        labels: labels(),
        organs: [1, 9, 3],
        modelVersion: 'm',
        softwareVersion: 's',
      });
      const dir = mkdtempSync(join(tmpdir(), 'organ-seg-seg-'));
      try {
        const path = join(dir, 'seg.dcm');
        writeFileSync(path, seg?.bytes as Uint8Array);
        const run = spawnSync('dciodvfy', ['-new', path], { encoding: 'utf8' });
        const report = `${run.stdout}${run.stderr}`;
        const errors = report.split('\n').filter((line) => line.startsWith('Error'));
        expect(errors, report).toEqual([]);
        // dcmtk, when present, must also read it
        if (spawnSync('sh', ['-c', 'command -v dcmdump']).status === 0) {
          expect(execFileSync('dcmdump', ['+P', '0008,0016', path], { encoding: 'utf8' })).toContain(
            'SegmentationStorage',
          );
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
