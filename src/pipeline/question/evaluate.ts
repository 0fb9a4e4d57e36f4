/**
 * Question-set evaluation: accuracy, per-letter precision and recall, and the confusion matrix in
 * the layout of the paper's Fig. 2 (rows = true answer, columns = predicted, options A..N).
 *
 * Multi-organ questions (several letters) count as correct only when the predicted set of letters
 * equals the expected set exactly. In the confusion matrix each question is one count, placed by
 * the FIRST expected letter (row) and the first predicted letter (column) — or, when the sets
 * match, on the diagonal of the first letter. Per-letter precision and recall count every letter of
 * a multi-organ question (a set-based, one-vs-rest count), so they are not derived from the matrix.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ErrorCode, InputError, isCodedError } from '../../errors.js';
import { ANSWER_LETTERS, type AnswerLetter, isAnswerLetter, NONE_OF_THEM, organByLetter } from '../organs.js';
import type { QuestionResolver } from './resolver.js';

/**
 * train: written first and used for every tuning decision; dev: earlier held-out sets, each measured
 * once and then looked at (so no longer held out); test: written last and measured once.
 */
export type QuestionSplit = 'train' | 'dev' | 'test';

export interface LabelledQuestion {
  question: string;
  letters: AnswerLetter[];
  kind: string;
  split: QuestionSplit;
}

const letterSchema = z.string().refine(isAnswerLetter, 'not a letter A–N');
const questionSchema = z.object({
  question: z.string(),
  letters: z
    .array(letterSchema)
    .min(1)
    .refine((ls) => !(ls.includes('N') && ls.length > 1), 'N cannot be combined with organ letters'),
  kind: z.string().min(1),
  split: z.enum(['train', 'dev', 'test']),
});

/** Reads a JSON Lines question set; `split` keeps only that split. */
export function loadQuestionSet(path: string, split?: QuestionSplit): LabelledQuestion[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(ErrorCode.InputNotFound, `Could not read the question set at ${path}.`, {
      cause: error,
    });
  }
  const questions: LabelledQuestion[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new InputError(ErrorCode.InputCorrupt, `Line ${index + 1} of ${path} is not valid JSON.`, {
        cause: error,
      });
    }
    const result = questionSchema.safeParse(parsed);
    if (!result.success) {
      const problem = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new InputError(
        ErrorCode.InputCorrupt,
        `Line ${index + 1} of ${path} is not a labelled question (${problem}).`,
      );
    }
    const q = result.data;
    if (split === undefined || q.split === split) {
      questions.push({
        question: q.question,
        letters: q.letters as AnswerLetter[],
        kind: q.kind,
        split: q.split,
      });
    }
  });
  return questions;
}

export interface LetterScore {
  letter: AnswerLetter;
  precision: number;
  recall: number;
  /** Questions whose expected answer includes this letter. */
  support: number;
}

export interface QuestionEvaluation {
  accuracy: number;
  total: number;
  correct: number;
  perLetter: LetterScore[];
  /** 14 × 14, rows = true letter A..N, columns = predicted letter A..N. */
  confusion: number[][];
  errors: Array<{ question: string; expected: AnswerLetter[]; got: AnswerLetter[]; kind: string }>;
}

const LETTER_INDEX = new Map<AnswerLetter, number>(ANSWER_LETTERS.map((l, i) => [l, i]));

export function evaluateQuestions(
  resolver: QuestionResolver,
  questions: readonly LabelledQuestion[],
): QuestionEvaluation {
  const size = ANSWER_LETTERS.length;
  const confusion = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const truePositive = new Array<number>(size).fill(0);
  const predicted = new Array<number>(size).fill(0);
  const support = new Array<number>(size).fill(0);
  const errors: QuestionEvaluation['errors'] = [];
  let correct = 0;

  for (const q of questions) {
    let got: AnswerLetter[];
    try {
      got = resolver.resolve(q.question).letters;
    } catch (error) {
      // An empty question in the set is expected to be refused; anything else is a wrong answer.
      if (!isCodedError(error)) throw error;
      got = [];
    }
    const expected = [...new Set(q.letters)].sort(byLetter);
    const gotSorted = [...new Set(got)].sort(byLetter);
    const match = expected.length === gotSorted.length && expected.every((l, i) => l === gotSorted[i]);
    if (match) correct++;
    else errors.push({ question: q.question, expected, got: gotSorted, kind: q.kind });

    const row = LETTER_INDEX.get(expected[0] as AnswerLetter) as number;
    const column = match
      ? row
      : gotSorted.length > 0
        ? (LETTER_INDEX.get(gotSorted[0] as AnswerLetter) as number)
        : size - 1;
    (confusion[row] as number[])[column] = ((confusion[row] as number[])[column] as number) + 1;

    for (const l of expected) support[LETTER_INDEX.get(l) as number]++;
    for (const l of gotSorted) {
      const i = LETTER_INDEX.get(l) as number;
      predicted[i]++;
      if (expected.includes(l)) truePositive[i]++;
    }
  }

  const perLetter = ANSWER_LETTERS.map((letter, i) => ({
    letter,
    precision: predicted[i] ? (truePositive[i] as number) / (predicted[i] as number) : support[i] ? 0 : 1,
    recall: support[i] ? (truePositive[i] as number) / (support[i] as number) : 1,
    support: support[i] as number,
  }));
  return {
    accuracy: questions.length ? correct / questions.length : 0,
    total: questions.length,
    correct,
    perLetter,
    confusion,
    errors,
  };
}

function byLetter(a: AnswerLetter, b: AnswerLetter): number {
  return (LETTER_INDEX.get(a) as number) - (LETTER_INDEX.get(b) as number);
}

function letterName(letter: AnswerLetter): string {
  return letter === 'N' ? NONE_OF_THEM.name : organByLetter(letter).abbreviation;
}

/** The confusion matrix as a text table in the layout of the paper's Fig. 2, plus the scores. */
export function formatConfusionTable(result: QuestionEvaluation): string {
  const cell = 5;
  const label = 14;
  const lines: string[] = [];
  lines.push(
    `Organ choice: ${result.correct}/${result.total} correct, accuracy ${(result.accuracy * 100).toFixed(1)}%`,
  );
  lines.push('');
  lines.push('Confusion matrix of organ selection (rows = actual, columns = predicted)');
  lines.push(`${'Actual \\ Pred'.padEnd(label)}${ANSWER_LETTERS.map((l) => l.padStart(cell)).join('')}`);
  ANSWER_LETTERS.forEach((letter, i) => {
    const name = `${letter} ${letterName(letter)}`.slice(0, label - 1).padEnd(label);
    lines.push(`${name}${(result.confusion[i] as number[]).map((n) => String(n).padStart(cell)).join('')}`);
  });
  lines.push('');
  lines.push(
    `${'Letter'.padEnd(label)}${'precision'.padStart(11)}${'recall'.padStart(9)}${'support'.padStart(9)}`,
  );
  for (const s of result.perLetter) {
    lines.push(
      `${`${s.letter} ${letterName(s.letter)}`.slice(0, label - 1).padEnd(label)}${s.precision.toFixed(3).padStart(11)}${s.recall.toFixed(3).padStart(9)}${String(s.support).padStart(9)}`,
    );
  }
  if (result.errors.length > 0) {
    lines.push('');
    lines.push(`Errors (${result.errors.length}):`);
    for (const e of result.errors)
      lines.push(`  [${e.expected.join('+')} → ${e.got.join('+') || '—'}] ${e.question}`);
  }
  return lines.join('\n');
}
