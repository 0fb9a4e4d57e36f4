/**
 * Quiz mode: a teacher starts a round, the bot posts a teaching slice and a question from the
 * question bank with options A–N, students answer (letter, organ name or button), each graded
 * exactly once by the store, and the round ends on "reveal" or when its time is up with the
 * overlay, the explanation, the results and the channel leaderboard.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  ConversationKey,
  ConversationState,
  ConversationStore,
  JsonObject,
  QuizOutcome,
} from '../cache/store.js';
import { PACKAGE_ROOT } from '../config.js';
import { ErrorCode, InputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DecodedImage } from '../pipeline/decode/types.js';
import {
  ANSWER_LETTERS,
  type AnswerLetter,
  isAnswerLetter,
  multipleChoiceOptions,
  NONE_OF_THEM,
  type OrganId,
  type OrganLetter,
  organById,
  organByLetter,
} from '../pipeline/organs.js';
import { type LabelledQuestion, loadQuestionSet } from '../pipeline/question/evaluate.js';
import { organFunction } from '../pipeline/question/knowledge.js';
import type { SliceSegmentation } from '../pipeline/segment.js';
import type { Intent } from './intents.js';
import type { InboundMessage, ProgressFn, Reply, ReplyButton } from './types.js';

/** What the quiz needs from the bot core (kept as an interface so the two modules do not import each other). */
export interface QuizHost {
  loadState(key: ConversationKey): Promise<ConversationState>;
  saveState(key: ConversationKey, state: ConversationState): Promise<void>;
  activeDecoded(state: ConversationState): Promise<DecodedImage>;
  segmentImageSlice(
    hash: string,
    image: DecodedImage,
    index: number,
    progress?: ProgressFn,
  ): Promise<SliceSegmentation>;
  renderReply(
    state: ConversationState,
    organs: OrganId[],
    text: string,
    answer?: undefined,
    kind?: Reply['kind'],
  ): Promise<Reply>;
  deliver(conversation: ConversationKey, reply: Reply): Promise<void>;
  uploadCase(bytes: Uint8Array, name: string): Promise<{ hash: string; image: DecodedImage }>;
}

export interface QuizOptions {
  store: ConversationStore;
  now: () => number;
  random: () => number;
  /** 0 disables the automatic reveal. */
  roundMs: number;
  casesDir?: string;
  logger: Logger;
  host: QuizHost;
}

interface BankEntry {
  hash: string;
  slice: number;
  name: string;
}

interface RoundData {
  hash: string;
  slice: number;
  organ: OrganId | null;
  question: string;
  fileName: string;
}

const EASY_ORGANS: OrganId[] = [1, 2, 3, 5, 11, 13];
const BANK_LIMIT = 50;
const NONE_ROUND_PROBABILITY = 0.15;
const CASE_EXTENSIONS = /\.(png|jpe?g|webp|dcm|nii|nii\.gz|zip)$/i;

export class QuizMaster {
  readonly #o: QuizOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #questions: LabelledQuestion[] | undefined;

  constructor(options: QuizOptions) {
    this.#o = options;
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #questionBank(): LabelledQuestion[] {
    this.#questions ??= loadQuestionSet(resolve(PACKAGE_ROOT, 'data/questions/questions.jsonl')).filter(
      (q) =>
        q.letters.length === 1 && ['function', 'anatomy', 'disease', 'procedure', 'lab'].includes(q.kind),
    );
    return this.#questions;
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.min(items.length - 1, Math.floor(this.#o.random() * items.length))] as T;
  }

  /** Handles quiz commands and answers; null when the message is not for the quiz. */
  async maybeHandle(
    key: ConversationKey,
    state: ConversationState,
    message: InboundMessage,
    intent: Intent,
  ): Promise<Reply[] | null> {
    switch (intent.kind) {
      case 'quiz-start':
        return this.start(key, state, intent.organs, intent.difficulty);
      case 'quiz-reveal':
        return [await this.reveal(key)];
      case 'leaderboard':
        return [await this.#leaderboardReply(key)];
      case 'quiz-bank-add':
        return [await this.#addToBank(key, state)];
      default:
        break;
    }
    const round = state.quizRoundId ? await this.#o.store.getQuizRound(key) : undefined;
    if (!round?.open) return null;
    const letter = intent.kind === 'letter' ? intent.letter : this.#letterFromName(message.text);
    if (!letter) return null;
    return [await this.#answer(key, round.roundId, message, letter)];
  }

  async handleAction(
    key: ConversationKey,
    state: ConversationState,
    message: InboundMessage,
  ): Promise<Reply[]> {
    const action = message.action;
    if (!action) return [];
    if (action.action === 'quiz-answer' && isAnswerLetter(action.value)) {
      const round = await this.#o.store.getQuizRound(key);
      if (!round)
        return [{ kind: 'info', text: 'There is no quiz round running here. Say "quiz" to start one.' }];
      return [await this.#answer(key, round.roundId, message, action.value)];
    }
    if (action.action === 'quiz-reveal') return [await this.reveal(key)];
    if (action.action === 'quiz-start') return this.start(key, state);
    return [{ kind: 'info', text: 'That button is no longer active.' }];
  }

  #letterFromName(text: string): AnswerLetter | undefined {
    const t = text
      .trim()
      .toLowerCase()
      .replace(/[.!?]+$/, '');
    if (t.split(/\s+/).length > 4) return undefined;
    if (/^(none|none of them|n\/a|nothing)$/.test(t)) return 'N';
    const organ = organByNameLoose(t);
    return organ?.letter;
  }

  async #answer(
    key: ConversationKey,
    roundId: string,
    message: InboundMessage,
    letter: AnswerLetter,
  ): Promise<Reply> {
    const result = await this.#o.store.submitQuizAnswer(key, roundId, message.user.id, letter);
    const who = message.user.name ?? 'You';
    if (result.accepted)
      return {
        kind: 'quiz',
        text: `${who}: answer ${letter} recorded. The answer is revealed when the round ends.`,
      };
    if (result.reason === 'already_answered')
      return {
        kind: 'quiz',
        text: `${who}: you already answered this round; only your first answer counts.`,
      };
    return { kind: 'quiz', text: 'This round has ended. Say "quiz" to start a new one.' };
  }

  async start(
    key: ConversationKey,
    state: ConversationState,
    organs?: OrganId[],
    difficulty?: 'easy' | 'hard',
  ): Promise<Reply[]> {
    const host = this.#o.host;
    const candidates = await this.#cases(key, state);
    if (candidates.length === 0) {
      return [
        {
          kind: 'info',
          text: 'There are no teaching cases yet. Upload a slice and say "add to quiz bank", or ask an administrator to set QUIZ_CASES_DIR.',
        },
      ];
    }
    // Try cases in random order until one shows an organ that fits the requested set.
    const order = [...candidates].sort(() => this.#o.random() - 0.5);
    for (const entry of order) {
      const { hash, image, slice, name } = await entry();
      const seg = await host.segmentImageSlice(hash, image, slice);
      const visible = seg.findings.filter((f) => f.present).map((f) => f.id);
      const pool = visible.filter((id) =>
        organs ? organs.includes(id) : difficulty === 'easy' ? EASY_ORGANS.includes(id) : true,
      );
      if (pool.length === 0) continue;
      const bank = this.#questionBank();
      const noneRound = !organs && this.#o.random() < NONE_ROUND_PROBABILITY;
      const absent = (difficulty === 'easy' ? EASY_ORGANS : seg.findings.map((f) => f.id)).filter(
        (id) => !visible.includes(id),
      );
      const asked: OrganId = noneRound && absent.length > 0 ? this.#pick(absent) : this.#pick(pool);
      const questions = bank.filter((q) => q.letters[0] === organById(asked).letter);
      const question =
        questions.length > 0
          ? this.#pick(questions).question
          : `Which organ is the ${organById(asked).name.toLowerCase()}?`;
      const correct: AnswerLetter = visible.includes(asked) ? organById(asked).letter : 'N';
      const roundId = Array.from({ length: 4 }, () =>
        Math.floor(this.#o.random() * 0x10000)
          .toString(16)
          .padStart(4, '0'),
      ).join('');
      const data: RoundData = {
        hash,
        slice,
        organ: correct === 'N' ? null : asked,
        question,
        fileName: name,
      };
      await this.#o.store.startQuizRound(key, {
        roundId,
        correct,
        data: data as unknown as JsonObject,
        startedAt: this.#o.now(),
      });
      const next: ConversationState = {
        ...state,
        quizRoundId: roundId,
        selection: [],
        undo: [],
        activeImage: {
          hash,
          fileName: name,
          format: image.format,
          modality: image.modality,
          sliceCount: image.sliceCount,
          slice,
          description: image.description,
          uploadedAt: this.#o.now(),
        },
      };
      await host.saveState(key, next);
      this.#schedule(key, roundId);
      const picture = await host.renderReply(next, [], '', undefined, 'quiz');
      const seconds =
        this.#o.roundMs > 0
          ? ` The answer is revealed in ${Math.round(this.#o.roundMs / 1000)} s, or when someone says "reveal".`
          : ' Say "reveal" to end the round.';
      return [
        {
          ...picture,
          kind: 'quiz',
          text: `*Quiz!* Look at this slice. ${question}\nOptions: ${multipleChoiceOptions()}\nAnswer with a letter (e.g. "B"), an organ name or a button; one answer per person.${seconds}`,
          image: picture.image
            ? { ...picture.image, altText: `Quiz slice without any organ highlighted (${image.description})` }
            : undefined,
          buttons: answerButtons(),
        },
      ];
    }
    return [
      {
        kind: 'info',
        text: 'None of the teaching cases shows the organs you asked for. Try "quiz" without a list.',
      },
    ];
  }

  #schedule(key: ConversationKey, roundId: string): void {
    if (this.#o.roundMs <= 0) return;
    const id = JSON.stringify(key);
    const previous = this.#timers.get(id);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      this.reveal(key, roundId)
        .then((reply) => this.#o.host.deliver(key, reply))
        .catch((error: unknown) => this.#o.logger.warn({ err: error }, 'automatic quiz reveal failed'));
    }, this.#o.roundMs);
    timer.unref();
    this.#timers.set(id, timer);
  }

  async reveal(key: ConversationKey, expectedRoundId?: string): Promise<Reply> {
    const round = await this.#o.store.getQuizRound(key);
    if (!round || (expectedRoundId && round.roundId !== expectedRoundId)) {
      return { kind: 'info', text: 'There is no quiz round to reveal. Say "quiz" to start one.' };
    }
    const outcome = await this.#o.store.endQuizRound(key, round.roundId);
    if (!outcome) return { kind: 'info', text: 'There is no quiz round to reveal.' };
    if (!outcome.wasOpen)
      return { kind: 'info', text: 'This round was already revealed. Say "quiz" for a new one.' };
    const data = outcome.round.data as unknown as RoundData;
    const host = this.#o.host;
    const state = await host.loadState(key);
    const correctName =
      outcome.round.correct === 'N'
        ? NONE_OF_THEM.name
        : organByLetter(outcome.round.correct as OrganLetter).name;
    const why =
      data.organ !== null
        ? organFunction(data.organ)
        : 'The organ the question is about is not visible in this slice, so the right answer was "None of them".';
    const board = await this.#o.store.leaderboard(key, 5);
    const text = [
      `*Answer: ${outcome.round.correct}. ${correctName}*`,
      `Question: ${data.question}`,
      why,
      resultsLine(outcome),
      board.length > 0
        ? `Leaderboard: ${board.map((e, i) => `${i + 1}. ${e.userId} (${e.score})`).join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    if (state.quizRoundId === outcome.round.roundId) {
      state.quizRoundId = undefined;
      state.selection = data.organ !== null ? [data.organ] : [];
      await host.saveState(key, state);
    }
    const shown: ConversationState = {
      ...state,
      activeImage: state.activeImage ?? {
        hash: data.hash,
        slice: data.slice,
        fileName: data.fileName,
        format: 'png',
        sliceCount: 1,
        uploadedAt: this.#o.now(),
      },
    };
    if (shown.activeImage) shown.activeImage = { ...shown.activeImage, hash: data.hash, slice: data.slice };
    const reply = await host.renderReply(
      shown,
      data.organ !== null ? [data.organ] : [],
      text,
      undefined,
      'quiz',
    );
    return {
      ...reply,
      buttons: [{ action: 'quiz-start', value: 'next', label: 'Next question', textEquivalent: 'quiz' }],
    };
  }

  async #leaderboardReply(key: ConversationKey): Promise<Reply> {
    const board = await this.#o.store.leaderboard(key, 10);
    if (board.length === 0) return { kind: 'info', text: 'No quiz answers yet in this channel.' };
    return {
      kind: 'info',
      text: `*Leaderboard*\n${board.map((e, i) => `${i + 1}. ${e.userId}: ${e.score}`).join('\n')}`,
    };
  }

  #bankKey(key: ConversationKey): ConversationKey {
    return { platform: key.platform, workspace: key.workspace, channel: key.channel };
  }

  async #addToBank(key: ConversationKey, state: ConversationState): Promise<Reply> {
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'Upload the slice you want to add first.');
    const bankKey = this.#bankKey(key);
    const holder = await this.#o.host.loadState(bankKey);
    const bank = ((holder.extra?.quizBank ?? []) as unknown as BankEntry[]).filter(
      (e) => e.hash !== active.hash || e.slice !== active.slice,
    );
    bank.push({ hash: active.hash, slice: active.slice, name: active.fileName ?? 'slice' });
    holder.extra = { ...(holder.extra ?? {}), quizBank: bank.slice(-BANK_LIMIT) as unknown as JsonObject[] };
    await this.#o.host.saveState(bankKey, holder);
    return {
      kind: 'info',
      text: `Added to this channel's quiz bank (${Math.min(bank.length, BANK_LIMIT)} case(s)). Say "quiz" to use it.`,
    };
  }

  /** Lazily-loaded quiz cases: the channel bank, the configured folder, then the conversation's own slice. */
  async #cases(
    key: ConversationKey,
    state: ConversationState,
  ): Promise<(() => Promise<{ hash: string; image: DecodedImage; slice: number; name: string }>)[]> {
    const host = this.#o.host;
    const holder = await host.loadState(this.#bankKey(key));
    const bank = (holder.extra?.quizBank ?? []) as unknown as BankEntry[];
    const cases: (() => Promise<{ hash: string; image: DecodedImage; slice: number; name: string }>)[] =
      bank.map((entry) => async () => {
        const image = await host.activeDecoded({
          ...holder,
          activeImage: { hash: entry.hash, slice: entry.slice, format: 'png', sliceCount: 1, uploadedAt: 0 },
        });
        return { hash: entry.hash, image, slice: entry.slice, name: entry.name };
      });
    if (this.#o.casesDir) {
      let names: string[] = [];
      try {
        names = readdirSync(this.#o.casesDir).filter(
          (n) => CASE_EXTENSIONS.test(n) && statSync(join(this.#o.casesDir as string, n)).isFile(),
        );
      } catch (error) {
        this.#o.logger.warn({ err: error }, 'quiz cases folder unreadable');
      }
      for (const name of names) {
        cases.push(async () => {
          const { hash, image } = await host.uploadCase(
            readFileSync(join(this.#o.casesDir as string, name)),
            name,
          );
          return { hash, image, slice: image.defaultSlice, name };
        });
      }
    }
    const active = state.activeImage;
    if (cases.length === 0 && active) {
      cases.push(async () => ({
        hash: active.hash,
        image: await host.activeDecoded(state),
        slice: active.slice,
        name: active.fileName ?? 'slice',
      }));
    }
    return cases;
  }
}

function answerButtons(): ReplyButton[] {
  return ANSWER_LETTERS.map((letter) => {
    const name = letter === 'N' ? NONE_OF_THEM.name : organByLetter(letter).name;
    return { action: 'quiz-answer', value: letter, label: `${letter}. ${name}`, textEquivalent: letter };
  });
}

function resultsLine(outcome: QuizOutcome): string {
  const total = outcome.answers.length;
  if (total === 0) return 'Nobody answered this round.';
  const right = outcome.answers.filter((a) => a.correct);
  return `${right.length} of ${total} answered correctly${right.length > 0 ? `: ${right.map((a) => a.userId).join(', ')}` : ''}.`;
}

/** An organ from a short answer like "liver", "the left kidney", "IVC". */
function organByNameLoose(text: string) {
  const t = text.replace(/^(the|a|an|it's|it is|i think)\s+/g, '').trim();
  for (const letter of ANSWER_LETTERS) {
    if (letter === 'N') continue;
    const organ = organByLetter(letter);
    const names = [organ.name, organ.abbreviation, organ.optionLabel].map((n) => n.toLowerCase());
    if (names.includes(t)) return organ;
  }
  if (t === 'oesophagus') return organByLetter('J');
  if (t === 'vena cava') return organByLetter('F');
  return undefined;
}
