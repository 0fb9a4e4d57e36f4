/**
 * Dice evaluation of the segmentation model on any labelled set, 2D (PNG slices) or 3D (NIfTI
 * volumes), printed in the layout of the paper's Table III: 13 organ columns in alphabetical order
 * and the mean. Label files may use CHAOS or TotalSegmentator numbering; they are mapped to ours.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { ErrorCode, InputError } from '../errors.js';
import { extractDisplaySlice } from './decode/geometry.js';
import { decodePath } from './decode/index.js';
import { readNifti } from './decode/nifti.js';
import type { DecodeOptions } from './decode/types.js';
import { ORGAN_IDS, type OrganId } from './organs.js';
import type { Segmenter } from './segment.js';

/** Source label id → our organ id, per numbering scheme (from the data README). */
export const LABEL_SCHEMES: Record<string, Record<number, OrganId>> = {
  identity: Object.fromEntries(ORGAN_IDS.map((id) => [id, id])) as Record<number, OrganId>,
  chaos: { 1: 1, 2: 2, 3: 13, 4: 3 },
  'totalseg-ct': { 5: 1, 2: 2, 1: 3, 7: 4, 52: 5, 63: 6, 8: 7, 9: 8, 4: 9, 15: 10, 6: 11, 19: 12, 3: 13 },
  'totalseg-mr': { 5: 1, 2: 2, 1: 3, 7: 4, 23: 5, 24: 6, 8: 7, 9: 8, 4: 9, 12: 10, 6: 11, 14: 12, 3: 13 },
};

/** Table III column order: the paper lists organs alphabetically. */
export const TABLE_III_COLUMNS: { title: string; id: OrganId }[] = [
  { title: 'Aorta', id: 5 },
  { title: 'Duodenum', id: 12 },
  { title: 'Esophagus', id: 10 },
  { title: 'Gallbladder', id: 9 },
  { title: 'IVC', id: 6 },
  { title: 'Kidney_L', id: 13 },
  { title: 'Kidney_R', id: 2 },
  { title: 'LAG', id: 8 },
  { title: 'Liver', id: 1 },
  { title: 'Pancreas', id: 4 },
  { title: 'RAG', id: 7 },
  { title: 'Spleen', id: 3 },
  { title: 'Stomach', id: 11 },
];

export interface EvalPair {
  image: string;
  labels: string;
  scheme?: string;
}

export interface OrganScore {
  id: OrganId;
  /** Mean per-slice Dice over slices where the organ is in the ground truth or the prediction. */
  dice2d: number | null;
  slices: number;
  /** Dice over whole volumes (3D inputs only), mean over volumes containing the organ. */
  dice3d: number | null;
  volumes: number;
}

export interface EvalResult {
  cases: number;
  slices: number;
  organs: OrganScore[];
  /** Mean of the per-organ 2D Dice over organs that were measured. */
  mean2d: number | null;
  mean3d: number | null;
}

/** Pairs image files with label files by name: `_img`→`_lbl13`, `image_`→`label_`, or the same name. */
export function pairByName(imagesDir: string, labelsDir: string, scheme?: string): EvalPair[] {
  const labelNames = new Set(readdirSync(labelsDir));
  const pairs: EvalPair[] = [];
  for (const name of readdirSync(imagesDir).sort()) {
    if (!/(img|image)/i.test(name) || /(lbl|label)/i.test(name)) continue;
    const candidates = [
      name.replace('_img', '_lbl13'),
      name.replace('image_', 'label_'),
      name.replace('image', 'label'),
      name,
    ];
    const match = candidates.find(
      (c) => labelNames.has(c) && resolve(imagesDir, name) !== resolve(labelsDir, c),
    );
    if (match) pairs.push({ image: join(imagesDir, name), labels: join(labelsDir, match), scheme });
  }
  return pairs;
}

/** A manifest: JSON Lines of {"image": path, "labels": path, "scheme"?: name}, paths relative to it. */
export function readManifest(path: string): EvalPair[] {
  const dir = dirname(path);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const entry = JSON.parse(line) as EvalPair;
      return { image: resolve(dir, entry.image), labels: resolve(dir, entry.labels), scheme: entry.scheme };
    });
}

function mapLabels(values: ArrayLike<number>, scheme: Record<number, OrganId>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = scheme[Math.round(values[i] as number)] ?? 0;
  return out;
}

async function readLabelSlices(
  path: string,
  scheme: Record<number, OrganId>,
  limits: DecodeOptions,
): Promise<Uint8Array[]> {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const { data } = await sharp(bytes).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    return [mapLabels(data, scheme)];
  }
  const volume = readNifti(bytes, limits);
  const n = volume.geometry.dims[volume.geometry.displayAxes.slice.axis];
  return Array.from({ length: n }, (_, k) =>
    mapLabels(extractDisplaySlice(volume.data, volume.geometry, k).data, scheme),
  );
}

export async function evaluateSegmentation(
  pairs: EvalPair[],
  segmenter: Segmenter,
  options: {
    limits: DecodeOptions;
    organs?: OrganId[];
    defaultScheme?: string;
    onCase?: (pair: EvalPair, index: number) => void;
  },
): Promise<EvalResult> {
  const organs = options.organs ?? [...ORGAN_IDS];
  const per2d = new Map<OrganId, number[]>(organs.map((id) => [id, []]));
  const per3d = new Map<OrganId, number[]>(organs.map((id) => [id, []]));
  let slices = 0;
  for (const [index, pair] of pairs.entries()) {
    options.onCase?.(pair, index);
    const schemeName = pair.scheme ?? options.defaultScheme ?? 'identity';
    const scheme = LABEL_SCHEMES[schemeName];
    if (!scheme)
      throw new InputError(ErrorCode.InputUnsupportedFormat, `Unknown label scheme "${schemeName}".`);
    if (!existsSync(pair.labels))
      throw new InputError(ErrorCode.InputNotFound, `No label file ${basename(pair.labels)}.`);
    const image = await decodePath(pair.image, options.limits);
    const truth = await readLabelSlices(pair.labels, scheme, options.limits);
    if (truth.length !== image.sliceCount) {
      throw new InputError(
        ErrorCode.InputCorrupt,
        `${basename(pair.image)} and its labels have different slice counts.`,
      );
    }
    const slicesOf = Array.from({ length: image.sliceCount }, (_, k) => image.slice(k));
    // A volume's slices are read together, as `organ-seg segment` and the bot's exports read them.
    const predictions =
      slicesOf.length > 1 ? await segmenter.segmentVolume(slicesOf) : await segmenter.segmentSlices(slicesOf);
    const volumeCounts = new Map<OrganId, { inter: number; sum: number }>(
      organs.map((id) => [id, { inter: 0, sum: 0 }]),
    );
    predictions.forEach((prediction, k) => {
      const gt = truth[k] as Uint8Array;
      if (gt.length !== prediction.labels.length) {
        throw new InputError(
          ErrorCode.InputCorrupt,
          `${basename(pair.image)} and its labels differ in size.`,
        );
      }
      slices++;
      for (const id of organs) {
        let inter = 0;
        let a = 0;
        let b = 0;
        for (let i = 0; i < gt.length; i++) {
          const t = gt[i] === id ? 1 : 0;
          const p = prediction.labels[i] === id ? 1 : 0;
          inter += t & p;
          a += t;
          b += p;
        }
        if (a + b > 0) per2d.get(id)?.push((2 * inter) / (a + b));
        const v = volumeCounts.get(id) as { inter: number; sum: number };
        v.inter += inter;
        v.sum += a + b;
      }
    });
    if (image.sliceCount > 1) {
      for (const id of organs) {
        const v = volumeCounts.get(id) as { inter: number; sum: number };
        if (v.sum > 0) per3d.get(id)?.push((2 * v.inter) / v.sum);
      }
    }
  }
  const mean = (values: number[]) =>
    values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
  const scores: OrganScore[] = organs.map((id) => ({
    id,
    dice2d: mean(per2d.get(id) ?? []),
    slices: per2d.get(id)?.length ?? 0,
    dice3d: mean(per3d.get(id) ?? []),
    volumes: per3d.get(id)?.length ?? 0,
  }));
  return {
    cases: pairs.length,
    slices,
    organs: scores,
    mean2d: mean(scores.flatMap((s) => (s.dice2d === null ? [] : [s.dice2d]))),
    mean3d: mean(scores.flatMap((s) => (s.dice3d === null ? [] : [s.dice3d]))),
  };
}

/** Table III layout: a header row of organ columns, then 2D (and 3D) Dice ×100; "-" when not measured. */
export function formatTableIII(result: EvalResult, label = 'Organ-Seg'): string {
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '-' : (v * 100).toFixed(1));
  const header = ['Segmentation Model', ...TABLE_III_COLUMNS.map((c) => c.title), 'Dice Coefficient'];
  const row = (name: string, pick: (s: OrganScore) => number | null, mean: number | null) => [
    name,
    ...TABLE_III_COLUMNS.map((c) =>
      cell(
        result.organs.find((o) => o.id === c.id)
          ? pick(result.organs.find((o) => o.id === c.id) as OrganScore)
          : null,
      ),
    ),
    cell(mean),
  ];
  const rows = [row(`${label} (2D)`, (s) => s.dice2d, result.mean2d)];
  if (result.mean3d !== null) rows.push(row(`${label} (3D)`, (s) => s.dice3d, result.mean3d));
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return `${lines.join('\n')}\n(${result.cases} cases, ${result.slices} slices)`;
}
