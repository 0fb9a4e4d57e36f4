/**
 * `npx tsx scripts/cv-questions.ts [--folds 5] [--weights 0.3,1] [--min-sim 0.1] [--file F …]`:
 * k-fold cross-validation of the whole resolver (rules + context cache + classifier) on the
 * `train` and `dev` questions, to choose the resolver's settings without looking at `test`.
 *
 * Each fold's classifier is trained on the knowledge text and the other folds; the fold is then
 * answered by a resolver using that classifier. `--fresh KIND…` limits scoring to questions added
 * after the rules were last tuned (by default every question is scored). `--file` adds question
 * files (same JSONL layout) to the pool; `--keep-form-n` also trains on the none-of-them questions
 * the resolver answers from their form alone (the shipped classifier leaves them out); `--train` adds files that are only ever trained on. Prints accuracy and N precision/recall per setting.
 */
import { parseArgs } from 'node:util';
import {
  type ClassifierTrainingOptions,
  glossaryExamples,
  knowledgeExamples,
  loadGlossary,
  QuestionClassifier,
  questionExamples,
  trainQuestionClassifier,
} from '../src/pipeline/question/classifier.js';
import {
  evaluateQuestions,
  type LabelledQuestion,
  loadQuestionSet,
} from '../src/pipeline/question/evaluate.js';
import { answeredNoneByForm, createQuestionResolver } from '../src/pipeline/question/resolver.js';

const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    weights: { type: 'string', default: '3' },
    'min-sim': { type: 'string', default: '0.1' },
    penalty: { type: 'string', default: '0.3' },
    'min-prob': { type: 'string', default: '0.7' },
    l2: { type: 'string', default: '0.0001' },
    epochs: { type: 'string', default: '30' },
    'min-count': { type: 'string', default: '1' },
    file: { type: 'string', multiple: true, default: [] },
    train: { type: 'string', multiple: true, default: [] },
    glossary: {
      type: 'string',
      multiple: true,
      default: [new URL('../data/knowledge/glossary.jsonl', import.meta.url).pathname],
    },
    'score-files-only': { type: 'boolean', default: false },
    errors: { type: 'string', default: '0' },
    'keep-form-n': { type: 'boolean', default: false },
  },
});

const base = loadQuestionSet(new URL('../data/questions/questions.jsonl', import.meta.url).pathname).filter(
  (q) => q.split !== 'test',
);
const extra = (values.file as string[]).flatMap((f) => loadQuestionSet(f));
const pool: Array<LabelledQuestion & { scored: boolean }> = [
  ...base.map((q) => ({ ...q, scored: !values['score-files-only'] })),
  ...extra.map((q) => ({ ...q, scored: true })),
];
// `--train FILE`: questions every fold's classifier learns from but no fold is scored on, to see
// whether a candidate training file helps on the existing pool.
const trainOnly = (values.train as string[]).flatMap((f) => loadQuestionSet(f));
const k = Number(values.folds);
// A fixed interleaving: question i goes to fold i mod k (files are grouped by organ, so this stratifies).
const foldOf = (i: number) => i % k;
const training: ClassifierTrainingOptions = {
  l2: Number(values.l2),
  epochs: Number(values.epochs),
  minCount: Number(values['min-count']),
};
const knowledge = [
  ...knowledgeExamples(),
  ...glossaryExamples((values.glossary as string[]).flatMap((g) => loadGlossary(g))),
];

const classifiers = Array.from({ length: k }, (_, f) => {
  const rest = pool.filter((_, i) => foldOf(i) !== f);
  return new QuestionClassifier(
    trainQuestionClassifier(
      [
        ...knowledge,
        ...questionExamples([...rest, ...trainOnly], values['keep-form-n'] ? undefined : answeredNoneByForm),
      ],
      training,
    ),
  );
});

for (const weight of String(values.weights).split(',').map(Number)) {
  for (const minSimilarity of String(values['min-sim']).split(',').map(Number)) {
    for (const outsidePenalty of String(values.penalty).split(',').map(Number)) {
      for (const minOrganProbability of String(values['min-prob']).split(',').map(Number)) {
        let correct = 0;
        let total = 0;
        let nTp = 0;
        let nFp = 0;
        let nFn = 0;
        const errors: string[] = [];
        for (let f = 0; f < k; f++) {
          const resolver = createQuestionResolver({
            classifier: classifiers[f] as QuestionClassifier,
            classifierWeight: weight,
            minSimilarity,
            outsidePenalty,
            minOrganProbability,
          });
          const fold = pool.filter((q, i) => foldOf(i) === f && q.scored);
          const result = evaluateQuestions(resolver, fold);
          correct += result.correct;
          total += result.total;
          const wrong = new Map(result.errors.map((e) => [e.question, e.got as string[]]));
          for (const q of fold) {
            const expectedN = q.letters.includes('N');
            const gotN = (wrong.get(q.question) ?? (q.letters as string[])).includes('N');
            if (expectedN && gotN) nTp++;
            else if (gotN) nFp++;
            else if (expectedN) nFn++;
          }
          for (const e of result.errors)
            errors.push(`${e.expected.join('')}\t${e.got.join('')}\t${e.question}`);
        }
        const precision = nTp / Math.max(1, nTp + nFp);
        const recall = nTp / Math.max(1, nTp + nFn);
        console.log(
          `weight ${weight} minSim ${minSimilarity} penalty ${outsidePenalty} minProb ${minOrganProbability}: ${correct}/${total} = ${((100 * correct) / total).toFixed(1)}%  N precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}`,
        );
        const show = Number(values.errors);
        if (show > 0) console.log(errors.slice(0, show).join('\n'));
      }
    }
  }
}
