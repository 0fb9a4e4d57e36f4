/**
 * `node --import tsx scripts/bench-questions.ts [--rounds 3]`: how fast the embedded resolver answers
 * (the budget is 5 ms a question after start-up). Prints the start-up time (knowledge text,
 * context cache and classifier loaded, first question answered) and the time per question over every
 * question of `data/questions/questions.jsonl`, `--rounds` times: mean, p50, p99 and the slowest.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadQuestionSet } from '../src/pipeline/question/evaluate.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const DATASET = fileURLToPath(new URL('../data/questions/questions.jsonl', import.meta.url));

const started = performance.now();
const resolver = createQuestionResolver();
resolver.resolve('Which organ stores bile?');
const startUp = performance.now() - started;

const questions = loadQuestionSet(DATASET).map((q) => q.question);
const times: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const q of questions) {
    const t = performance.now();
    resolver.resolve(q);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) =>
  (times[Math.min(times.length - 1, Math.floor(times.length * p))] as number).toFixed(3);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(`start-up ${startUp.toFixed(0)} ms`);
console.log(
  `${times.length} questions: mean ${mean.toFixed(3)} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, slowest ${at(1)} ms`,
);
