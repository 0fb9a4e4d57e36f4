/**
 * A learned second opinion for described organs: a multinomial logistic-regression text classifier
 * over stemmed words, word pairs and character 4-grams, trained offline
 * (`scripts/train-question-classifier.ts`, written to `models/question-classifier.json.gz`) on the
 * knowledge sentences and the `train` and `dev` questions, never on `test`. Where the context cache only counts shared words, the classifier
 * learns which phrases tell neighbours apart: "stores bile" (gallbladder) against "makes bile"
 * (liver), "filters blood" in the back (kidney) against "filters old red cells" (spleen).
 *
 * Classes are organ families, not letters: the two kidneys (and the two adrenals) are one class
 * each, because the words that describe them are the same and the side is read from the question.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ErrorCode, ServiceError } from '../../errors.js';
import { type OrganId, type OrganLetter, organByLetter } from '../organs.js';
import { contentStems } from './cache.js';
import { ORGAN_KNOWLEDGE, OUTSIDE_KNOWLEDGE } from './knowledge.js';
import { textWords } from './text.js';

/** The classes, in the order of the model's weight vectors. `none` is answer N. */
export const CLASSIFIER_LABELS = [
  'liver',
  'kidney',
  'spleen',
  'pancreas',
  'aorta',
  'ivc',
  'adrenal',
  'gallbladder',
  'esophagus',
  'stomach',
  'duodenum',
  'none',
] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];
export const NONE_CLASS = CLASSIFIER_LABELS.length - 1;

const CLASS_OF_ORGAN: Record<OrganId, number> = {
  1: 0,
  2: 1,
  13: 1,
  3: 2,
  4: 3,
  5: 4,
  6: 5,
  7: 6,
  8: 6,
  9: 7,
  10: 8,
  11: 9,
  12: 10,
};

/** The class of an organ (both kidneys share one, as do both adrenals). */
export function classOfOrgan(id: OrganId): number {
  return CLASS_OF_ORGAN[id];
}

/** Relative weights of the feature kinds before the vector is scaled to unit length. */
const PAIR_WEIGHT = 0.7;
const SKIP_PAIR_WEIGHT = 0.4;
const NGRAM_WEIGHT = 0.2;

/**
 * Features of already-normalised words: stems, adjacent stem pairs, pairs one word apart ("head …
 * tail", "stores … bile" across an adjective) and character 4-grams (which carry "pancreatitis"
 * and "splenectomy" to their organ), as a unit vector.
 */
export function classifierFeatures(words: readonly string[]): Map<string, number> {
  const stems = contentStems(words);
  const features = new Map<string, number>();
  const add = (key: string, weight: number) => features.set(key, (features.get(key) ?? 0) + weight);
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i] as string;
    add(`w:${s}`, 1);
    if (i + 1 < stems.length) add(`p:${s}_${stems[i + 1]}`, PAIR_WEIGHT);
    if (i + 2 < stems.length) add(`p:${s}_${stems[i + 2]}`, SKIP_PAIR_WEIGHT);
    const padded = `^${s}$`;
    for (let j = 0; j + 4 <= padded.length; j++) add(`n:${padded.slice(j, j + 4)}`, NGRAM_WEIGHT);
  }
  let sum = 0;
  for (const x of features.values()) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (const [k, x] of features) features.set(k, x / norm);
  return features;
}

/** The shipped form: a bias per class and, per feature, its weight for every class. */
export interface ClassifierModel {
  labels: readonly string[];
  bias: readonly number[];
  weights: Readonly<Record<string, readonly number[]>>;
}

/** The shipped model; the same three folders up from `src/…/question` and `dist/…/question`. */
export const DEFAULT_CLASSIFIER_PATH = fileURLToPath(
  new URL('../../../models/question-classifier.json.gz', import.meta.url),
);

const modelSchema = z.object({
  labels: z.array(z.string()),
  bias: z.array(z.number()).length(CLASSIFIER_LABELS.length),
  weights: z.record(z.string(), z.array(z.number()).length(CLASSIFIER_LABELS.length)),
});

/** Reads a model written by `scripts/train-question-classifier.ts` (gzipped when the name ends in .gz). */
export function loadQuestionClassifier(path: string = DEFAULT_CLASSIFIER_PATH): QuestionClassifier {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new ServiceError(ErrorCode.ModelUnavailable, 'The question classifier model is missing.', {
      cause: error,
      detail: path,
    });
  }
  try {
    // The shipped layout is read line by line into one Float32Array: JSON.parse of the whole
    // 10 MB text would build 119 k arrays and cost about 170 MB of peak memory at start-up.
    const shipped = parseShippedLayout(text);
    if (shipped)
      return new QuestionClassifier(
        { labels: shipped.labels, bias: shipped.bias, weights: {} },
        shipped.table,
      );
    return new QuestionClassifier(modelSchema.parse(JSON.parse(text)));
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(ErrorCode.ModelInvalid, 'The question classifier model is damaged.', {
      cause: error,
      detail: path,
    });
  }
}

/** Feature → row of one weight block, `CLASSIFIER_LABELS.length` numbers a row. */
interface WeightTable {
  index: Map<string, number>;
  rows: Float32Array;
}

/**
 * Reads the layout `serialiseClassifierModel` writes (header lines, then one `"key": [..]` line per
 * feature); undefined for any other JSON, which then goes through the schema. Throws on a damaged row.
 */
function parseShippedLayout(
  text: string,
): { labels: string[]; bias: number[]; table: WeightTable } | undefined {
  const lines = text.split('\n');
  const header = (line: string | undefined, name: string) =>
    line?.startsWith(`"${name}": `) ? JSON.parse(line.slice(name.length + 4).replace(/,$/, '')) : undefined;
  const labels = header(lines[1], 'labels');
  const bias = header(lines[2], 'bias');
  if (lines[0] !== '{' || lines[3] !== '"weights": {' || !Array.isArray(labels) || !Array.isArray(bias))
    return undefined;
  const width = CLASSIFIER_LABELS.length;
  const end = lines.indexOf('}', 4);
  if (end < 0 || bias.length !== width) throw new Error('truncated model');
  const index = new Map<string, number>();
  const rows = new Float32Array((end - 4) * width);
  for (let i = 4; i < end; i++) {
    const line = (lines[i] as string).replace(/,$/, '');
    if (line === '') continue; // a model without weights
    const split = line.lastIndexOf(': [');
    const values = line
      .slice(split + 3, -1)
      .split(',')
      .map(Number);
    if (split < 0 || values.length !== width || !values.every(Number.isFinite))
      throw new Error(`bad weight row ${i + 1}`);
    rows.set(values, index.size * width);
    index.set(JSON.parse(line.slice(0, split)) as string, index.size);
  }
  return { labels, bias, table: { index, rows } };
}

export class QuestionClassifier {
  private readonly bias: Float64Array;
  private readonly table: WeightTable;

  constructor(model: ClassifierModel, table?: WeightTable) {
    if (model.labels.join() !== CLASSIFIER_LABELS.join()) {
      throw new ServiceError(ErrorCode.ModelInvalid, 'The question classifier model has other classes.', {
        detail: model.labels.join(),
      });
    }
    this.bias = Float64Array.from(model.bias);
    if (table) {
      this.table = table;
    } else {
      const entries = Object.entries(model.weights);
      const width = CLASSIFIER_LABELS.length;
      this.table = { index: new Map(), rows: new Float32Array(entries.length * width) };
      entries.forEach(([key, row], i) => {
        this.table.index.set(key, i);
        this.table.rows.set(row, i * width);
      });
    }
  }

  /** Words the model has weights for; the typo corrector leaves these alone. */
  knows(feature: string): boolean {
    return this.table.index.has(feature);
  }

  /**
   * How many of the words (content stems) the model has a weight for. Zero means the prediction
   * rests on character fragments alone ("election" sharing "ectio" with "resection"), which is no
   * evidence for any organ.
   */
  knownWords(words: readonly string[]): number {
    return contentStems(words).filter((s) => this.table.index.has(`w:${s}`)).length;
  }

  /** Class probabilities (softmax) for already-normalised words, in `CLASSIFIER_LABELS` order. */
  predict(words: readonly string[]): Float64Array {
    return softmax(this.logits(classifierFeatures(words)));
  }

  private logits(features: Map<string, number>): Float64Array {
    const z = Float64Array.from(this.bias);
    const { index, rows } = this.table;
    for (const [key, x] of features) {
      const row = index.get(key);
      if (row === undefined) continue;
      const base = row * z.length;
      for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) + x * (rows[base + c] as number);
    }
    return z;
  }
}

function softmax(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const out = new Float64Array(z.length);
  for (let c = 0; c < z.length; c++) {
    out[c] = Math.exp((z[c] as number) - max);
    sum += out[c] as number;
  }
  for (let c = 0; c < z.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}

export interface ClassifierExample {
  /** Normalised words (see `tokenize`). */
  words: readonly string[];
  /** Index into `CLASSIFIER_LABELS`. */
  label: number;
}

export interface ClassifierTrainingOptions {
  /** Passes over the examples (default 30). */
  epochs?: number;
  /** L2 penalty per example step (default 1e-4). */
  l2?: number;
  /** AdaGrad base learning rate (default 0.5). */
  learningRate?: number;
  /**
   * Features seen in fewer training texts than this are not learned (default 1): a word that
   * occurs once can still be the one clue to its organ ("pepsin"), so the default keeps them all.
   */
  minCount?: number;
  /** Seed of the example shuffle, so a retrain gives the same file. */
  seed?: number;
  /**
   * Weigh each example by the inverse of its class's size (default true): `none` has as many
   * examples as several organs together, and unweighted it would win every question whose words
   * the model has not seen.
   */
  balanced?: boolean;
}

/**
 * Trains the classifier with AdaGrad on the softmax cross-entropy, L2-regularised, examples in a
 * seeded shuffled order. Small enough (about a thousand short texts) to run in a second.
 */
export function trainQuestionClassifier(
  examples: readonly ClassifierExample[],
  options: ClassifierTrainingOptions = {},
): ClassifierModel {
  const epochs = options.epochs ?? 30;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.learningRate ?? 0.5;
  const minCount = options.minCount ?? 1;
  const classes = CLASSIFIER_LABELS.length;
  const counts = new Array<number>(classes).fill(0);
  for (const e of examples) counts[e.label] = (counts[e.label] as number) + 1;
  const present = counts.filter((n) => n > 0).length;
  const documentFrequency = new Map<string, number>();
  const featureLists = examples.map((e) => [...classifierFeatures(e.words)]);
  for (const list of featureLists)
    for (const [key] of list) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  const encoded = examples.map((e, i) => ({
    features: (featureLists[i] as Array<[string, number]>).filter(
      ([key]) => (documentFrequency.get(key) as number) >= minCount,
    ),
    label: e.label,
    weight: options.balanced === false ? 1 : examples.length / (present * (counts[e.label] as number)),
  }));
  const weights = new Map<string, { w: Float64Array; g: Float64Array }>();
  const bias = new Float64Array(classes);
  const biasG = new Float64Array(classes);
  const rowOf = (key: string) => {
    let row = weights.get(key);
    if (!row) {
      row = { w: new Float64Array(classes), g: new Float64Array(classes) };
      weights.set(key, row);
    }
    return row;
  };
  let state = options.seed ?? 1;
  const random = () => {
    // xorshift32: a deterministic order without a dependency.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const order = encoded.map((_, i) => i);
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const example = encoded[index] as (typeof encoded)[number];
      z.set(bias);
      for (const [key, x] of example.features) {
        const row = rowOf(key).w;
        for (let c = 0; c < classes; c++) z[c] = (z[c] as number) + x * (row[c] as number);
      }
      const p = softmax(z);
      for (let c = 0; c < classes; c++) {
        const error = example.weight * ((p[c] as number) - (c === example.label ? 1 : 0));
        biasG[c] = (biasG[c] as number) + error * error;
        bias[c] = (bias[c] as number) - (rate * error) / Math.sqrt((biasG[c] as number) + 1e-8);
        for (const [key, x] of example.features) {
          const row = rowOf(key);
          const gradient = error * x + l2 * (row.w[c] as number);
          row.g[c] = (row.g[c] as number) + gradient * gradient;
          row.w[c] = (row.w[c] as number) - (rate * gradient) / Math.sqrt((row.g[c] as number) + 1e-8);
        }
      }
    }
  }
  // Softmax ignores a constant added to every class, so each row is centred before rounding: the
  // same model in fewer digits. Two decimals move no probability by more than about 1%.
  const round = (x: number) => Math.round(x * 100) / 100 || 0;
  const shipped: Record<string, number[]> = {};
  for (const [key, { w }] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const mean = w.reduce((sum, x) => sum + x, 0) / classes;
    const row = Array.from(w, (x) => round(x - mean));
    if (row.some((x) => x !== 0)) shipped[key] = row;
  }
  return { labels: [...CLASSIFIER_LABELS], bias: Array.from(bias, round), weights: shipped };
}

/** The training examples the knowledge text gives: one per sentence, outside entries as `none`. */
export function knowledgeExamples(): ClassifierExample[] {
  const examples: ClassifierExample[] = [];
  const sentences = (passages: readonly string[]) =>
    passages.flatMap((p) => p.split(/(?<=[.;:])\s+/)).filter((x) => x.trim() !== '');
  for (const k of ORGAN_KNOWLEDGE) {
    const label = classOfOrgan(k.organIds[0] as OrganId);
    for (const s of sentences(k.passages)) examples.push({ words: textWords(s), label });
  }
  for (const k of OUTSIDE_KNOWLEDGE)
    for (const s of sentences(k.passages)) examples.push({ words: textWords(s), label: NONE_CLASS });
  return examples;
}

/** One glossary line: a term tied to one organ family (or `none`), with a one-sentence note. */
export interface GlossaryEntry {
  term: string;
  organ: string;
  note: string;
}

const GLOSSARY_CLASS: Record<string, number> = Object.fromEntries(CLASSIFIER_LABELS.map((l, i) => [l, i]));

/** Reads `data/knowledge/glossary.jsonl`-style lines; throws on an unknown organ. */
export function loadGlossary(path: string): GlossaryEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const entry = JSON.parse(line) as GlossaryEntry;
      if (GLOSSARY_CLASS[entry.organ] === undefined)
        throw new Error(`${path}:${i + 1}: unknown organ ${JSON.stringify(entry.organ)}`);
      return entry;
    });
}

/** Two examples per glossary term: the bare term ("Courvoisier sign") and the term with its note. */
export function glossaryExamples(entries: readonly GlossaryEntry[]): ClassifierExample[] {
  return entries.flatMap((e) => {
    const label = GLOSSARY_CLASS[e.organ] as number;
    return [
      { words: textWords(e.term), label },
      { words: textWords(`${e.term}: ${e.note}`), label },
    ].filter((x) => x.words.length > 0);
  });
}

/**
 * Training examples from labelled questions: a question whose letters all fall in one class (one
 * organ, both kidneys, N) is one example; multi-organ requests are skipped, they name their organs.
 */
export function questionExamples(
  questions: ReadonlyArray<{ question: string; letters: readonly string[] }>,
  skipNone?: (question: string) => boolean,
): ClassifierExample[] {
  const examples: ClassifierExample[] = [];
  for (const q of questions) {
    if (skipNone && q.letters.includes('N') && skipNone(q.question)) continue;
    const classes = new Set(
      q.letters.map((l) => (l === 'N' ? NONE_CLASS : classOfOrgan(organByLetter(l as OrganLetter).id))),
    );
    if (classes.size !== 1) continue;
    const words = textWords(q.question);
    if (words.length > 0) examples.push({ words, label: [...classes][0] as number });
  }
  return examples;
}

/** The model file's text: one feature per line, so a retrain's diff is readable. */
export function serialiseClassifierModel(model: ClassifierModel): string {
  const rows = Object.entries(model.weights).map(
    ([key, row]) => `${JSON.stringify(key)}: ${JSON.stringify(row)}`,
  );
  return `{\n"labels": ${JSON.stringify(model.labels)},\n"bias": ${JSON.stringify(model.bias)},\n"weights": {\n${rows.join(',\n')}\n}\n}\n`;
}
