/**
 * The context cache of the paper (§III-C-2): every knowledge passage is encoded once at start-up,
 * sentence by sentence, into a sparse TF-IDF vector over stemmed words, word pairs and character
 * 4-grams; a question is encoded the same way and scored against each entry by cosine similarity
 * (with a length pivot, see `lengthPivot`, so one item of a long list still counts). Entries are
 * the 13 organs (the kidneys and adrenals also as pairs) and the irrelevant entries C'.
 */
import type { OrganId } from '../organs.js';
import { ORGAN_KNOWLEDGE, OUTSIDE_KNOWLEDGE } from './knowledge.js';
import { STOPWORDS, stem, textWords } from './text.js';

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

interface Posting {
  at: number;
  weight: number;
}

export class ContextCache {
  private readonly targets: CacheTarget[] = [];
  /** For each sentence, the index of its entry in `targets`. */
  private readonly passageEntry: number[] = [];
  private readonly passagePostings = new Map<string, Posting[]>();
  private readonly centroidPostings = new Map<string, Posting[]>();
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
      const words = textWords(text);
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

    // An inverted index (feature → the sentences and entry centroids that contain it) makes a
    // question cost the length of its features' posting lists, not the size of the cache.
    for (const e of raw) {
      const entryIndex = this.targets.length;
      this.targets.push(e.target);
      const weighed = e.passages.map((p) => this.weigh(p));
      const centroid: SparseVector = new Map();
      for (const { unit } of weighed) for (const [k, x] of unit) centroid.set(k, (centroid.get(k) ?? 0) + x);
      for (const [k, x] of normalise(centroid)) this.post(this.centroidPostings, k, entryIndex, x);
      for (const { unit, length } of weighed) {
        const passageIndex = this.passageEntry.length;
        this.passageEntry.push(entryIndex);
        // p̂ · ‖p‖^β = p / ‖p‖^(1−β): see `lengthPivot`.
        const scale = length ** this.tuning.lengthPivot;
        for (const [k, x] of unit) this.post(this.passagePostings, k, passageIndex, x * scale);
      }
    }
  }

  private post(index: Map<string, Posting[]>, key: string, at: number, weight: number): void {
    const list = index.get(key);
    if (list) list.push({ at, weight });
    else index.set(key, [{ at, weight }]);
  }

  private weigh(features: SparseVector): { unit: SparseVector; length: number } {
    const out: SparseVector = new Map();
    // Sublinear term frequency: a word repeated in one passage should not dominate it.
    for (const [k, tf] of features)
      out.set(k, (tf > 1 ? 1 + Math.log(tf) : tf) * (this.idf.get(k) ?? this.defaultIdf));
    const length = norm(out);
    return { unit: normalise(out), length };
  }

  /** Encodes already-normalised words of a question into a unit vector. */
  encode(words: readonly string[]): SparseVector {
    return this.weigh(rawFeatures(contentStems(words), this.tuning)).unit;
  }

  /** Similarity of the question to every entry (best sentence and entry centroid), best first. */
  match(query: SparseVector): CacheMatch[] {
    const passageScores = new Float64Array(this.passageEntry.length);
    const centroidScores = new Float64Array(this.targets.length);
    for (const [k, x] of query) {
      const passages = this.passagePostings.get(k);
      if (passages)
        for (const { at, weight } of passages) passageScores[at] = (passageScores[at] as number) + x * weight;
      const centroids = this.centroidPostings.get(k);
      if (centroids)
        for (const { at, weight } of centroids)
          centroidScores[at] = (centroidScores[at] as number) + x * weight;
    }
    const best = new Float64Array(this.targets.length);
    passageScores.forEach((score, at) => {
      const entry = this.passageEntry[at] as number;
      if (score > (best[entry] as number)) best[entry] = score;
    });
    const share = this.tuning.passageShare;
    return this.targets
      .map((target, i) => ({
        target,
        score: share * (best[i] as number) + (1 - share) * (centroidScores[i] as number),
      }))
      .sort((a, b) => b.score - a.score);
  }
}
