import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import {
  CLASSIFIER_LABELS,
  DEFAULT_CLASSIFIER_PATH,
  glossaryExamples,
  knowledgeExamples,
  loadGlossary,
  loadQuestionClassifier,
  QuestionClassifier,
  questionExamples,
  serialiseClassifierModel,
  trainQuestionClassifier,
} from '../src/pipeline/question/classifier.js';
import { loadQuestionSet } from '../src/pipeline/question/evaluate.js';
import { answeredNoneByForm, createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { tokenize } from '../src/pipeline/question/text.js';

const DATASET = new URL('../data/questions/questions.jsonl', import.meta.url).pathname;
const GLOSSARY = new URL('../data/knowledge/glossary.jsonl', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'organ-seg-classifier-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const words = (text: string) =>
  tokenize(text)
    .filter((t) => !t.boundary)
    .map((t) => t.text);
const label = (classifier: QuestionClassifier, text: string) => {
  const p = classifier.predict(words(text));
  return CLASSIFIER_LABELS[p.indexOf(Math.max(...p))];
};

describe('question classifier training', () => {
  it('learns which phrase goes with which organ from a handful of examples', () => {
    const liver = CLASSIFIER_LABELS.indexOf('liver');
    const gallbladder = CLASSIFIER_LABELS.indexOf('gallbladder');
    const model = trainQuestionClassifier([
      { words: words('makes bile'), label: liver },
      { words: words('produces bile for digestion'), label: liver },
      { words: words('stores bile'), label: gallbladder },
      { words: words('keeps bile until a meal'), label: gallbladder },
    ]);
    const classifier = new QuestionClassifier(model);
    expect(label(classifier, 'which organ stores the bile')).toBe('gallbladder');
    expect(label(classifier, 'which organ makes the bile')).toBe('liver');
    const p = classifier.predict(words('stores bile'));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('never learns from the held-out test split', () => {
    const questions = loadQuestionSet(DATASET);
    const test = questions.filter((q) => q.split === 'test');
    const examples = questionExamples(questions.filter((q) => q.split !== 'test'));
    const seen = new Set(examples.map((e) => e.words.join(' ')));
    const leaked = test.filter((q) => seen.has(words(q.question).join(' ')));
    expect(leaked.map((q) => q.question)).toEqual([]);
  });

  // A retrain gives the same file (seeded), so a stale model after editing the knowledge text or the
  // questions fails here: run `npx tsx scripts/train-question-classifier.ts`.
  it('ships a model that is up to date with the knowledge text, the glossary and the train and dev questions', () => {
    const questions = loadQuestionSet(DATASET).filter((q) => q.split !== 'test');
    const model = trainQuestionClassifier([
      ...knowledgeExamples(),
      ...glossaryExamples(loadGlossary(GLOSSARY)),
      ...questionExamples(questions, answeredNoneByForm),
    ]);
    const shipped = gunzipSync(readFileSync(DEFAULT_CLASSIFIER_PATH)).toString('utf8');
    expect(serialiseClassifierModel(model) === shipped).toBe(true);
    // (about 2 min alone on 2 cores over 50,000 examples, and the other test files run beside it)
  }, 480_000);

  it('reads a glossary where every term names one organ family and no term is listed twice', () => {
    const entries = loadGlossary(GLOSSARY);
    expect(entries.length).toBeGreaterThan(5000);
    const terms = entries.map((e) => e.term.trim().toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
    expect(new Set(entries.map((e) => e.organ))).toEqual(new Set(CLASSIFIER_LABELS));
    const bad = join(dir, 'bad-glossary.jsonl');
    writeFileSync(bad, '{"term": "x", "organ": "heart", "note": "y"}\n');
    expect(() => loadGlossary(bad)).toThrow(/unknown organ "heart"/);
  });
});

describe('the shipped question classifier', () => {
  const classifier = loadQuestionClassifier();

  it('tells apart organs described by the same words', () => {
    expect(label(classifier, 'stores bile between meals')).toBe('gallbladder');
    expect(label(classifier, 'filters blood at the back')).toBe('kidney');
    expect(label(classifier, 'has a head, a body and a tail')).toBe('pancreas');
    expect(label(classifier, 'what is the weather tomorrow')).toBe('none');
  });

  it('refuses a missing or damaged model file with a coded error', () => {
    expect(() => loadQuestionClassifier(join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: ErrorCode.ModelUnavailable }),
    );
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{"labels": ["liver"], "bias": [0], "weights": {}}');
    expect(() => loadQuestionClassifier(damaged)).toThrow(
      expect.objectContaining({ code: ErrorCode.ModelInvalid }),
    );
  });

  it('reads the shipped line layout (plain or gzipped) exactly as the in-memory model, and refuses a damaged row', () => {
    const liver = CLASSIFIER_LABELS.indexOf('liver');
    const none = CLASSIFIER_LABELS.indexOf('none');
    const model = trainQuestionClassifier([
      { words: words('makes bile'), label: liver },
      { words: words('tell me a joke'), label: none },
    ]);
    const text = serialiseClassifierModel(model);
    const plain = join(dir, 'layout.json');
    const zipped = join(dir, 'layout.json.gz');
    writeFileSync(plain, text);
    writeFileSync(zipped, gzipSync(text));
    const expected = new QuestionClassifier(model).predict(words('which organ makes bile'));
    for (const file of [plain, zipped]) {
      const p = loadQuestionClassifier(file).predict(words('which organ makes bile'));
      p.forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i] as number, 5);
      });
    }
    const damaged = join(dir, 'damaged-row.json');
    const [head, rows] = text.split('"weights": {\n') as [string, string];
    // the first feature row keeps two of its twelve numbers
    writeFileSync(damaged, `${head}"weights": {\n${rows.replace(/\[[^\]]*\]/, '[1, 2]')}`);
    expect(() => loadQuestionClassifier(damaged)).toThrow(
      expect.objectContaining({ code: ErrorCode.ModelInvalid }),
    );
  });

  it('can be switched off: the resolver then uses the context cache alone', () => {
    const paperOnly = createQuestionResolver({ classifier: null });
    expect(paperOnly.resolve('segment the liver').letters).toEqual(['A']);
    expect(paperOnly.resolve('Which organ stores bile produced by the liver?').letters).toEqual(['I']);
  });
});
