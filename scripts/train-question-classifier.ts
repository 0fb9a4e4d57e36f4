/**
 * `npx tsx scripts/train-question-classifier.ts [--check]`: retrains the question classifier and
 * writes `models/question-classifier.json`, which the resolver loads.
 *
 * Training data: every sentence of the knowledge text and the `train` and `dev` questions of
 * `data/questions/questions.jsonl`. The `test` split is never read here, so it stays held out.
 * Training is seeded, so the same data gives the same file; `--check` exits 1 when the committed
 * file is out of date (knowledge text or questions edited without retraining).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  knowledgeExamples,
  questionExamples,
  serialiseClassifierModel,
  trainQuestionClassifier,
} from '../src/pipeline/question/classifier.js';
import { loadQuestionSet } from '../src/pipeline/question/evaluate.js';

const DATASET = fileURLToPath(new URL('../data/questions/questions.jsonl', import.meta.url));
const MODEL = fileURLToPath(new URL('../models/question-classifier.json', import.meta.url));

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const questions = loadQuestionSet(DATASET).filter((q) => q.split !== 'test');
const examples = [...knowledgeExamples(), ...questionExamples(questions)];
const model = trainQuestionClassifier(examples);
const text = serialiseClassifierModel(model);

if (values.check) {
  const same = readFileSync(MODEL, 'utf8') === text;
  console.log(
    same ? 'question-classifier.json is up to date' : 'question-classifier.json is out of date: retrain',
  );
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(MODEL, text);
  console.log(
    `trained on ${examples.length} examples (${questions.length} questions); ${Object.keys(model.weights).length} features → ${MODEL}`,
  );
}
