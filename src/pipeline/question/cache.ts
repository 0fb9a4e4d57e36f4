/**
 * The context cache of the paper (§III-C-2): every knowledge passage is encoded once at start-up
 * (sentence by sentence) into a sparse TF-IDF vector over stemmed words, word pairs and character 4-grams; a question is
 * encoded the same way and scored against each entry by cosine similarity. Entries are the 13
 * organs (the kidneys and adrenals also as pairs) and the irrelevant entries C'.
 */
import type { OrganId } from '../organs.js';
import { ORGAN_KNOWLEDGE, OUTSIDE_KNOWLEDGE } from './knowledge.js';
import { STOPWORDS, stem, tokenize } from './text.js';

export type CacheTarget = { kind: 'organ'; ids: readonly OrganId[] } | { kind: 'outside'; topic: string };

export interface CacheMatch {
  target: CacheTarget;
  /** Cosine similarity in 0..1 (a blend of the best passage and the entry centroid). */
  score: number;
}

type SparseVector = Map<string, number>;

export interface ContextCacheTuning {
  /** Weight of a word pair relative to a single word (default 0.4). */
  pairWeight: number;
  /** Weight of a character 4-gram; small, it only absorbs morphology and typos (default 0.25). */
  ngramWeight: number;
  /** Score = passageShare × best sentence + (1 − passageShare) × entry centroid (default 0.7). */
  passageShare: number;
  /**
   * Length pivot β: a sentence vector p is scaled to p / ‖p‖^(1−β) instead of p / ‖p‖, so a
   * question matching one item of a long list ("…, cirrhosis, fibrosis, …") is not drowned by the
   * rest of the list. 0 gives plain cosine similarity (default 0.5).
   */
  lengthPivot: number;
}

/** Chosen by a grid search on the training split only (0.977 there; the plateau was flat around these values). */
export const DEFAULT_CACHE_TUNING: ContextCacheTuning = {
  pairWeight: 0.4,
  ngramWeight: 0.25,
  passageShare: 0.7,
  lengthPivot: 0.5,
};

/** Content words of a text: stopwords and boundaries dropped, stems kept. */
export function contentStems(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

function rawFeatures(stems: readonly string[], tuning: ContextCacheTuning): SparseVector {
  const features: SparseVector = new Map();
  const add = (key: string, weight: number) => features.set(key, (features.get(key) ?? 0) + weight);
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i];
    add(`w:${s}`, 1);
    if (i + 1 < stems.length) add(`p:${s}_${stems[i + 1]}`, tuning.pairWeight);
    const padded = `^${s}$`;
    for (let j = 0; j + 4 <= padded.length; j++) add(`n:${padded.slice(j, j + 4)}`, tuning.ngramWeight);
  }
  return features;
}

function norm(v: SparseVector): number {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  return Math.sqrt(sum);
}

function normalise(v: SparseVector): SparseVector {
  const n = norm(v);
  if (n === 0) return v;
  for (const [k, x] of v) v.set(k, x / n);
  return v;
}

interface Entry {
  target: CacheTarget;
  passages: SparseVector[];
  centroid: SparseVector;
}

export class ContextCache {
  private readonly entries: Entry[] = [];
  private readonly idf = new Map<string, number>();
  private readonly defaultIdf: number;
  /** Every stem in the knowledge text; the typo corrector leaves these alone. */
  readonly vocabulary: ReadonlySet<string>;

  private readonly tuning: ContextCacheTuning;

  constructor(tuning: Partial<ContextCacheTuning> = {}) {
    this.tuning = { ...DEFAULT_CACHE_TUNING, ...tuning };
    const raw: Array<{ target: CacheTarget; passages: SparseVector[] }> = [];
    const vocabulary = new Set<string>();
    const passageText = (text: string) => {
      const words = tokenize(text)
        .filter((t) => !t.boundary)
        .map((t) => t.text);
      for (const w of words) vocabulary.add(w);
      return rawFeatures(contentStems(words), this.tuning);
    };
    // Sentences, not whole passages, are the units of the cache: a short question matches one
    // sentence well, while its cosine against a long passage is diluted by everything else in it.
    const sentences = (passages: readonly string[]) =>
      passages
        .flatMap((p) => p.split(/(?<=[.;:])\s+/))
        .filter((x) => x.trim() !== '')
        .map(passageText);
    for (const k of ORGAN_KNOWLEDGE) {
      raw.push({ target: { kind: 'organ', ids: k.organIds }, passages: sentences(k.passages) });
    }
    for (const k of OUTSIDE_KNOWLEDGE)
      raw.push({ target: { kind: 'outside', topic: k.topic }, passages: sentences(k.passages) });
    this.vocabulary = vocabulary;

    // Inverse document frequency over passages: a word in every passage ("blood") says little.
    const documentFrequency = new Map<string, number>();
    let documents = 0;
    for (const e of raw) {
      for (const p of e.passages) {
        documents++;
        for (const key of p.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
      }
    }
    for (const [key, df] of documentFrequency) this.idf.set(key, Math.log((1 + documents) / (1 + df)) + 1);
    this.defaultIdf = Math.log(1 + documents) + 1;

    for (const e of raw) {
      const passages = e.passages.map((p) => this.weigh(p));
      const pivoted = passages.map((p) => this.pivot(p));
      const centroid: SparseVector = new Map();
      for (const p of passages) for (const [k, x] of p) centroid.set(k, (centroid.get(k) ?? 0) + x);
      this.entries.push({ target: e.target, passages: pivoted, centroid: normalise(centroid) });
    }
  }

  /** p̂ · ‖p‖^β = p / ‖p‖^(1−β): see `lengthPivot`. */
  private pivot(p: SparseVector): SparseVector {
    const beta = this.tuning.lengthPivot;
    if (beta === 0) return p;
    const out: SparseVector = new Map();
    const scale = this.rawLength.get(p) ?? 1;
    for (const [k, x] of p) out.set(k, x * scale ** beta);
    return out;
  }

  private readonly rawLength = new WeakMap<SparseVector, number>();

  private weigh(features: SparseVector): SparseVector {
    const out: SparseVector = new Map();
    // Sublinear term frequency: a word repeated in one passage should not dominate it.
    for (const [k, tf] of features)
      out.set(k, (tf > 1 ? 1 + Math.log(tf) : tf) * (this.idf.get(k) ?? this.defaultIdf));
    const length = norm(out);
    const unit = normalise(out);
    this.rawLength.set(unit, length);
    return unit;
  }

  /** Encodes already-normalised words of a question (the caller drops words naming context organs). */
  encode(words: readonly string[]): SparseVector {
    return this.weigh(rawFeatures(contentStems(words), this.tuning));
  }

  /** Cosine similarity of the question against every entry, best first. */
  match(query: SparseVector): CacheMatch[] {
    const matches: CacheMatch[] = [];
    const share = this.tuning.passageShare;
    for (const entry of this.entries) {
      let best = 0;
      for (const p of entry.passages) best = Math.max(best, dot(query, p));
      matches.push({ target: entry.target, score: share * best + (1 - share) * dot(query, entry.centroid) });
    }
    return matches.sort((a, b) => b.score - a.score);
  }
}

function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) sum += x * y;
  }
  return sum;
}
