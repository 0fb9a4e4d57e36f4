/**
 * `npx tsx scripts/train-question-classifier.ts [--check]`: retrains the question classifier and
 * writes `models/question-classifier.json.gz`, which the resolver loads.
 *
 * Training data: every sentence of the knowledge text, the organ glossary
 * (`data/knowledge/glossary.jsonl`: each term alone and with its note) and the `train` and `dev`
 * questions of `data/questions/questions.jsonl`, less the none-of-them questions the resolver answers
 * from their form alone (`answeredNoneByForm`: "which cells secrete acid?"), which would only teach
 * the classifier that organ facts mean N. The `test` split is never read here, so it stays held out.
 * Training is seeded, so the same data gives the same file; `--check` exits 1 when the committed
 * file is out of date (knowledge text or questions edited without retraining).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  glossaryExamples,
  knowledgeExamples,
  loadGlossary,
  questionExamples,
  serialiseClassifierModel,
  trainQuestionClassifier,
} from '../src/pipeline/question/classifier.js';
import { loadQuestionSet } from '../src/pipeline/question/evaluate.js';
import { answeredNoneByForm } from '../src/pipeline/question/resolver.js';

const DATASET = fileURLToPath(new URL('../data/questions/questions.jsonl', import.meta.url));
const GLOSSARY = fileURLToPath(new URL('../data/knowledge/glossary.jsonl', import.meta.url));
const MODEL = fileURLToPath(new URL('../models/question-classifier.json.gz', import.meta.url));

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const questions = loadQuestionSet(DATASET).filter((q) => q.split !== 'test');
const examples = [
  ...knowledgeExamples(),
  ...glossaryExamples(loadGlossary(GLOSSARY)),
  ...questionExamples(questions, answeredNoneByForm),
];
const model = trainQuestionClassifier(examples);
const text = serialiseClassifierModel(model);

if (values.check) {
  const same = gunzipSync(readFileSync(MODEL)).toString('utf8') === text;
  console.log(
    same
      ? 'question-classifier.json.gz is up to date'
      : 'question-classifier.json.gz is out of date: retrain',
  );
  process.exitCode = same ? 0 : 1;
} else {
  // Text inside, one feature a line; gzip keeps the shipped file small (level 9, no timestamp).
  writeFileSync(MODEL, gzipSync(text, { level: 9 }));
  console.log(
    `trained on ${examples.length} examples (${questions.length} questions); ${Object.keys(model.weights).length} features → ${MODEL}`,
  );
}
