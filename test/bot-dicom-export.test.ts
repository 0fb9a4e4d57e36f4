/**
 * "export" on DICOM uploads: the bot returns a DICOM SEG whose frames sit on the uploaded images'
 * own pixel grid and point at them by UID, also when the series is stored mirrored and in reverse
 * slice order relative to the display, and nothing that names the patient is kept or written.
 */
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import type { ConversationKey, Reply } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import type { OrganId } from '../src/pipeline/organs.js';
import { makeBot, message, ORACLE_ORGANS, oraclePixels } from './helpers/bot-harness.js';
import { makeDicom, PATIENT_NAME, toBuffer, zipFiles } from './helpers/dicom-fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: dcmjs datasets are untyped, read field by field below
type Dataset = Record<string, any>;
const SIZE = 256;
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Display content of the three slices, inferior to superior. */
const SLICES: { organs: OrganId[]; scale?: Partial<Record<OrganId, number>> }[] = [
  { organs: [2, 13] },
  { organs: [1, 2, 13], scale: { 1: 0.8 } },
  { organs: [1, 2, 13, 9, 3] },
];

/**
 * One DICOM file per slice. `mirrored`: rows run toward the patient's right (row cosine −x), so
 * the file's columns are the display's mirrored, and the slice normal points down (slices are
 * sorted superior to inferior in storage).
 */
function series(mirrored: boolean): { files: Record<string, Uint8Array>; uids: string[] } {
  const files: Record<string, Uint8Array> = {};
  const uids: string[] = [];
  SLICES.forEach(({ organs, scale }, k) => {
    const display = oraclePixels(SIZE, organs, scale);
    const stored = new Uint16Array(SIZE * SIZE);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const from = mirrored ? SIZE - 1 - x : x;
        stored[y * SIZE + x] = Math.round((display[y * SIZE + from] as number) * 1000);
      }
    }
    const uid = `2.25.77${k}`;
    uids.push(uid);
    files[`IM${(7 - k) * 3}.dcm`] = makeDicom({
      rows: SIZE,
      columns: SIZE,
      pixelData: toBuffer(stored),
      modality: 'MR',
      windowCenter: 500,
      windowWidth: 1000,
      pixelSpacing: [1.5, 1.5],
      orientation: mirrored ? [-1, 0, 0, 0, 1, 0] : [1, 0, 0, 0, 1, 0],
      position: [0, 0, 5 * k],
      instanceNumber: k + 1,
      sopInstanceUid: uid,
      seriesUid: '2.25.4242',
    });
  });
  return { files, uids };
}

function read(bytes: Uint8Array): Dataset {
  const file = dcmjs.data.DicomMessage.readFile(bytes.slice().buffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) as Dataset;
}

function frameBits(ds: Dataset, f: number): Uint8Array {
  const plane = ds.Rows * ds.Columns;
  const data = new Uint8Array(list(ds.PixelData)[0] as ArrayBuffer);
  const out = new Uint8Array(plane);
  for (let i = 0; i < plane; i++)
    out[i] = ((data[(f * plane + i) >> 3] as number) >> ((f * plane + i) & 7)) & 1;
  return out;
}

/** The oracle disc of `organ` on the FILE grid of slice k (mirrored when the file is). */
function expectedDisc(organ: OrganId, k: number, mirrored: boolean): Uint8Array {
  const o = ORACLE_ORGANS[organ] as { cx: number; cy: number; r: number };
  const r = o.r * (SLICES[k]?.scale?.[organ] ?? 1);
  const out = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = mirrored ? SIZE - 1 - x : x;
      const u = (dx + 0.5) / SIZE;
      const v = (y + 0.5) / SIZE;
      if ((u - o.cx) ** 2 + (v - o.cy) ** 2 <= r * r) out[y * SIZE + x] = 1;
    }
  }
  return out;
}

function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    both += (a[i] as number) & (b[i] as number);
    sum += (a[i] as number) + (b[i] as number);
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}

describe('export on DICOM uploads', () => {
  for (const mirrored of [false, true]) {
    it(`a series${mirrored ? ' stored mirrored and upside down' : ''}: the SEG lies on the source grid and references each image`, async () => {
      const store = new MemoryConversationStore({});
      const bot = makeBot(store);
      try {
        const key: ConversationKey = { platform: 'web', workspace: 'test', channel: `seg-${mirrored}` };
        const { files, uids } = series(mirrored);
        await bot.handle(message(key, '', { name: 'series.zip', bytes: zipFiles(files) }));
        const [answer] = await bot.handle(message(key, 'show the liver'));
        expect(answer?.answer?.letters).toEqual(['A']);
        const [reply] = (await bot.handle(message(key, 'export'))) as Reply[];
        const seg = reply?.files?.find((f) => f.name.endsWith('.dcm'));
        if (!seg) throw new Error(`no DICOM SEG in: ${reply?.text}`);
        expect(seg.contentType).toBe('application/dicom');
        expect(reply?.files?.some((f) => f.name.endsWith('.nii.gz'))).toBe(false);
        expect(Buffer.from(seg.bytes).includes(PATIENT_NAME)).toBe(false);

        const ds = read(seg.bytes);
        expect(ds.Modality).toBe('SEG');
        expect(ds.StudyInstanceUID).toBe('2.25.1000');
        expect(ds.FrameOfReferenceUID).toBe('2.25.3000');
        expect(list(ds.ReferencedSeriesSequence)[0].SeriesInstanceUID).toBe('2.25.4242');
        expect(list(ds.SegmentSequence).map((s: Dataset) => s.SegmentLabel)).toEqual(['Liver']);
        // The liver is on display slices 1 and 2 only: one frame each, on the right source image.
        const perFrame = list(ds.PerFrameFunctionalGroupsSequence);
        expect(perFrame).toHaveLength(2);
        const referenced = perFrame.map(
          (item: Dataset) =>
            list(list(item.DerivationImageSequence)[0].SourceImageSequence)[0].ReferencedSOPInstanceUID,
        );
        expect([...referenced].sort()).toEqual([uids[1], uids[2]].sort());
        perFrame.forEach((item: Dataset, f: number) => {
          const k = uids.indexOf(referenced[f]);
          expect(list(item.PlanePositionSequence)[0].ImagePositionPatient.map(Number)).toEqual([0, 0, 5 * k]);
          expect(dice(frameBits(ds, f), expectedDisc(1, k, mirrored))).toBeGreaterThan(0.9);
        });

        // The conversation keeps UIDs and geometry, never the patient's name.
        const state = await store.getConversation(key);
        expect(state?.activeImage?.dicomSource?.frames.map((f) => f.sopInstanceUid)).toHaveLength(3);
        expect(JSON.stringify(state)).not.toContain(PATIENT_NAME);
      } finally {
        await bot.close();
      }
    });
  }

  function singleFile(): Uint8Array {
    const display = oraclePixels(SIZE, [1, 2, 13, 3, 9]);
    return makeDicom({
      rows: SIZE,
      columns: SIZE,
      pixelData: toBuffer(Uint16Array.from(display, (v) => Math.round(v * 1000))),
      modality: 'MR',
      windowCenter: 500,
      windowWidth: 1000,
      pixelSpacing: [1.5, 1.5],
      orientation: [1, 0, 0, 0, 1, 0],
      position: [0, 0, 0],
      sopInstanceUid: '2.25.5151',
    });
  }

  it('a single DICOM file: one frame per organ found, all organs when none is selected', async () => {
    const store = new MemoryConversationStore({});
    const bot = makeBot(store);
    try {
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'seg-single' };
      await bot.handle(message(key, '', { name: 'slice.dcm', bytes: singleFile() }));
      const [reply] = (await bot.handle(message(key, 'export'))) as Reply[];
      const seg = reply?.files?.find((f) => f.name.endsWith('.dcm'));
      if (!seg) throw new Error(`no DICOM SEG in: ${reply?.text}`);
      const ds = read(seg.bytes);
      const labels = list(ds.SegmentSequence).map((s: Dataset) => s.SegmentLabel);
      expect(labels).toEqual(
        expect.arrayContaining(['Liver', 'Right kidney', 'Left kidney', 'Spleen', 'Gallbladder']),
      );
      expect(ds.NumberOfFrames).toBe(labels.length);
      const sources = list(ds.PerFrameFunctionalGroupsSequence).map(
        (item: Dataset) =>
          list(list(item.DerivationImageSequence)[0].SourceImageSequence)[0].ReferencedSOPInstanceUID,
      );
      expect(new Set(sources)).toEqual(new Set(['2.25.5151']));
      const liver = labels.indexOf('Liver');
      expect(dice(frameBits(ds, liver), expectedDisc(1, 2, false))).toBeGreaterThan(0.9);
    } finally {
      await bot.close();
    }
  });

  it('with DICOM_KEEP_UIDS=false no UID is kept and export says why there is no SEG', async () => {
    const store = new MemoryConversationStore({});
    const bot = makeBot(store, { keepDicomUids: false });
    try {
      const key: ConversationKey = { platform: 'web', workspace: 'test', channel: 'seg-off' };
      await bot.handle(message(key, '', { name: 'slice.dcm', bytes: singleFile() }));
      expect((await store.getConversation(key))?.activeImage?.dicomSource).toBeUndefined();
      expect(JSON.stringify(await store.getConversation(key))).not.toContain('2.25.5151');
      const [reply] = (await bot.handle(message(key, 'export'))) as Reply[];
      expect(reply?.files?.map((f) => f.contentType)).toEqual(['image/png']);
      expect(reply?.text).toMatch(/DICOM_KEEP_UIDS=false/);
    } finally {
      await bot.close();
    }
  });
});
