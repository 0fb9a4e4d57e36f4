/**
 * The bot core: one `InboundMessage` in, replies out, for every platform. It keeps the conversation
 * in the store (Redis or memory), runs the pipeline once per image and slice (results cached by
 * content hash), understands follow-ups and runs quiz rounds. Every failure becomes a friendly
 * reply; nothing here imports a chat SDK.
 */
import sharp from 'sharp';
import { SegmentationCache } from '../cache/result-cache.js';
import {
  type CachedSegmentation,
  type ConversationKey,
  type ConversationState,
  type ConversationStore,
  emptyConversation,
  type JsonObject,
  rateLimitedError,
} from '../cache/store.js';
import { asCodedError, ErrorCode, InputError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { areaCm2, type GroundedAnswer, groundAnswer, listNames } from '../pipeline/answer.js';
import { encodeDisplayVolume } from '../pipeline/decode/derived.js';
import { writeDisplaySliceToStorage } from '../pipeline/decode/geometry.js';
import { writeNiftiLabels } from '../pipeline/decode/nifti-write.js';
import type { DecodedImage, DicomSourceReference, ImageFormat, Slice } from '../pipeline/decode/types.js';
import { writeDicomSeg } from '../pipeline/dicom-seg.js';
import { ORGAN_IDS, type OrganId, type OrganLetter, organById, organByLetter } from '../pipeline/organs.js';
import { overlayAltText, renderMaskPng, renderOverlay } from '../pipeline/overlay.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { LlmResolver } from '../pipeline/question/llm.js';
import type { QuestionResolution, QuestionResolver } from '../pipeline/question/resolver.js';
import { REFINED_SUFFIX, refineSegmentation } from '../pipeline/refiner.js';
import type { OrganFinding, SliceSegmentation } from '../pipeline/segment.js';
import { consistentAcrossSlices } from '../pipeline/volume.js';
import { SOFTWARE_VERSION } from '../version.js';
import { type Intent, parseIntent } from './intents.js';
import { QuizMaster } from './quiz.js';
import type { ChatBot, DeliverFn, InboundMessage, ProgressFn, Reply, ReplyAnswer } from './types.js';

export interface BotOptions {
  pipeline: Pipeline;
  resolver: QuestionResolver;
  store: ConversationStore;
  logger?: Logger;
  /** Clock, ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Randomness in [0, 1) for quiz choices (default `Math.random`). */
  random?: () => number;
  /** Folder of teaching cases for quizzes (images of any supported format). */
  quizCasesDir?: string;
  /** Keep DICOM UIDs and geometry (never names or IDs) for DICOM SEG export; default true. */
  keepDicomUids?: boolean;
  /** Quiz round length before the answer is revealed automatically (default 60 s; 0 = only on "reveal"). */
  quizRoundMs?: number;
  /** Requests per user per minute (default 30) and per channel per minute (default 240). */
  rateLimits?: { userPerMinute: number; channelPerMinute: number };
  /** Optional LLM path (the paper's multiple-choice prompt with the image); the embedded resolver is its fallback. */
  llm?: LlmResolver;
  /** Bytes of decoded images kept in memory by content hash (default 96 MiB; the newest is always kept). */
  decodedCacheBytes?: number;
  /**
   * Where segmentations are computed on a cache miss (default: this process's pipeline). In
   * `PIPELINE_MODE=queue` a queue backend sends the job to a worker (src/queue/).
   */
  segmentation?: SegmentationBackend;
}

/** Computes one slice's segmentation somewhere else: the image bytes are already in the store. */
export interface SegmentationBackend {
  /** The model version results are cached under (the workers' model). */
  modelVersion(): Promise<string>;
  segment(request: { imageHash: string; slice: number; modelVersion: string }): Promise<CachedSegmentation>;
}

interface Extra {
  zoom?: boolean;
  boxes?: boolean;
  /** The question's own resolution of the last turn, for "the other one". */
  lastAsked?: OrganId[];
}

const HELP_TEXT = [
  '*Organ-Seg Bot* answers questions about 13 abdominal organs on an MRI or CT slice and outlines them.',
  '1. Upload a slice (PNG, JPEG, DICOM, a zip of a DICOM series, or NIfTI).',
  '2. Ask in plain words: "Which organ stores bile?", "segment the IVC", "show both kidneys".',
  'Follow-ups: "now the left one", "the other kidney", "what about the spleen?", "show all organs", "hide the liver", "outline only", "filled", "zoom in", "how big is it?", "next slice", "slice 12", "go to the slice where the liver is largest", "export", "undo", "start over".',
  'Quiz: "quiz" (or "quiz kidneys", "quiz hard"), answer with a letter, "reveal" ends the round, "leaderboard". "add to quiz bank" keeps the current slice for quizzes.',
  '"forget" deletes everything this conversation stored. Answers are for teaching and research, not diagnosis.',
].join('\n');

export class OrganSegBot implements ChatBot {
  readonly #options: BotOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #results: SegmentationCache;
  readonly #decoded = new Map<string, DecodedImage>();
  readonly #delivers = new Map<string, DeliverFn>();
  readonly #quiz: QuizMaster;

  constructor(options: BotOptions) {
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'bot' });
    this.#now = options.now ?? Date.now;
    this.#results = new SegmentationCache({ store: options.store, logger: this.#logger });
    this.#quiz = new QuizMaster({
      store: options.store,
      now: this.#now,
      random: options.random ?? Math.random,
      roundMs: options.quizRoundMs ?? 60_000,
      casesDir: options.quizCasesDir,
      logger: this.#logger,
      host: this,
    });
  }

  setDeliver(platform: ConversationKey['platform'], deliver: DeliverFn): void {
    this.#delivers.set(platform, deliver);
  }

  /** Sends an asynchronous reply (a quiz round that timed out) through the platform's adapter. */
  async deliver(conversation: ConversationKey, reply: Reply): Promise<void> {
    const deliver = this.#delivers.get(conversation.platform);
    if (!deliver) {
      this.#logger.warn({ platform: conversation.platform }, 'no delivery route for an asynchronous reply');
      return;
    }
    await deliver(conversation, reply);
  }

  async close(): Promise<void> {
    this.#quiz.close();
  }

  async handle(message: InboundMessage, progress: ProgressFn = () => {}): Promise<Reply[]> {
    const started = this.#now();
    try {
      if (
        message.eventId &&
        !(await this.#options.store.claimEvent(`${message.conversation.platform}:${message.eventId}`))
      ) {
        this.#logger.debug({ platform: message.conversation.platform }, 'duplicate delivery ignored');
        return [];
      }
      await this.#checkRateLimits(message);
      const replies = await this.#handle(message, progress);
      this.#logger.info(
        {
          platform: message.conversation.platform,
          kinds: replies.map((r) => r.kind),
          ms: this.#now() - started,
        },
        'turn answered',
      );
      return replies;
    } catch (error) {
      return [this.errorReply(error)];
    }
  }

  errorReply(error: unknown): Reply {
    const coded = asCodedError(error);
    if (coded.code === ErrorCode.Unknown) {
      this.#logger.error({ err: error }, 'unexpected failure in a turn');
    } else {
      this.#logger.warn({ code: coded.code }, coded.message);
    }
    const suggestion: Partial<Record<ErrorCode, string>> = {
      [ErrorCode.NoActiveImage]: 'Upload a slice first (PNG, JPEG, DICOM or NIfTI), then ask again.',
      [ErrorCode.StateUnavailable]: 'Your conversation is safe; just send the message again in a moment.',
      [ErrorCode.ModelUnavailable]:
        'An administrator needs to install the model file (see models/README.md).',
    };
    const extra = suggestion[coded.code];
    return {
      kind: 'error',
      text: extra ? `${coded.userMessage} ${extra}` : coded.userMessage,
      errorCode: coded.code,
    };
  }

  async #checkRateLimits(message: InboundMessage): Promise<void> {
    const limits = this.#options.rateLimits ?? { userPerMinute: 30, channelPerMinute: 240 };
    const { platform, workspace, channel } = message.conversation;
    const rules = [
      {
        scope: 'user' as const,
        id: `${platform}:${workspace}:${message.user.id}`,
        limit: limits.userPerMinute,
        windowSeconds: 60,
      },
      {
        scope: 'channel' as const,
        id: `${platform}:${workspace}:${channel}`,
        limit: limits.channelPerMinute,
        windowSeconds: 60,
      },
    ];
    for (const rule of rules) {
      const decision = await this.#options.store.hitRateLimit(rule, this.#now());
      if (!decision.allowed) throw rateLimitedError(rule, decision);
    }
  }

  async loadState(key: ConversationKey): Promise<ConversationState> {
    return (await this.#options.store.getConversation(key)) ?? emptyConversation(this.#now());
  }

  async saveState(key: ConversationKey, state: ConversationState): Promise<void> {
    state.updatedAt = this.#now();
    await this.#options.store.saveConversation(key, state);
  }

  async #handle(message: InboundMessage, progress: ProgressFn): Promise<Reply[]> {
    const key = message.conversation;
    let state = await this.loadState(key);
    const replies: Reply[] = [];
    const text = message.text.trim();

    if (message.action) {
      return this.#quiz.handleAction(key, state, message);
    }

    if (message.attachments.length > 0) {
      const attachment = message.attachments[0];
      if (!attachment) throw new Error('attachment list changed');
      progress('Reading the image…');
      state = await this.#acceptUpload(state, attachment.bytes, attachment.name);
      // Saved before segmenting: if the model is missing or broken, the upload is kept and the
      // next question works once the model is back, without uploading again.
      await this.saveState(key, state);
      if (text === '') {
        const image = state.activeImage;
        const seg = await this.segmentActive(state, progress);
        const visible = seg.findings.filter((f) => f.present).map((f) => organById(f.id).name.toLowerCase());
        const where =
          image && image.sliceCount > 1 ? ` Showing slice ${image.slice + 1} of ${image.sliceCount}.` : '';
        replies.push({
          kind: 'info',
          text: `Got ${attachment.name} (${image?.description ?? 'image'}).${where} I can see: ${visible.length > 0 ? visible.join(', ') : 'none of the 13 organs clearly'}. Ask me a question about it, e.g. "Which organ stores bile?"`,
          slice: image ? { index: image.slice, count: image.sliceCount } : undefined,
        });
        return replies;
      }
    }

    if (text === '') {
      throw new InputError(
        ErrorCode.QuestionEmpty,
        'Your message was empty. Ask about an organ, e.g. "Which organ filters blood?", or say "help".',
      );
    }

    const intent = parseIntent(text);
    const quizReply = await this.#quiz.maybeHandle(key, state, message, intent);
    if (quizReply) return quizReply;
    return [...replies, ...(await this.#handleIntent(key, state, message, intent, progress))];
  }

  async #acceptUpload(state: ConversationState, bytes: Uint8Array, name: string): Promise<ConversationState> {
    // DICOM headers identify the patient: a de-identified rendering of the pixels is kept instead.
    const { hash, image, uploaded } = await this.uploadCase(bytes, name);
    const dicomSource = this.#options.keepDicomUids === false ? undefined : uploaded.dicomSource;
    const next: ConversationState = {
      ...state,
      undo: [],
      selection: [],
      activeImage: {
        hash,
        fileName: name,
        // What was uploaded (a DICOM series stays "dicom-series" though its pixels are kept as NIfTI).
        format: uploaded.format,
        modality: image.modality,
        sliceCount: image.sliceCount,
        slice: image.defaultSlice,
        width: image.slice(image.defaultSlice).width,
        height: image.slice(image.defaultSlice).height,
        description: uploaded.description,
        uploadedAt: this.#now(),
        dicomSource,
      },
      extra: {},
    };
    next.history = [
      ...state.history,
      { role: 'user', text: `[uploaded ${name}]`, at: this.#now(), intent: 'upload' },
    ];
    return next;
  }

  /** Stores a teaching case like an upload (DICOM de-identified first) and returns its hash. */
  async uploadCase(
    bytes: Uint8Array,
    name: string,
  ): Promise<{ hash: string; image: DecodedImage; uploaded: DecodedImage }> {
    const decoded = await this.#options.pipeline.decodeBytes(bytes, name);
    const isDicom = isDicomFormat(decoded.format);
    const kept = isDicom ? encodeDisplayVolume(decoded) : bytes;
    const hash = await this.#options.store.putBlob(kept);
    const image = isDicom ? await this.#options.pipeline.decodeBytes(kept, name) : decoded;
    this.#rememberDecoded(hash, image);
    return { hash, image, uploaded: decoded };
  }

  #rememberDecoded(hash: string, image: DecodedImage): void {
    this.#decoded.delete(hash);
    this.#decoded.set(hash, image);
    // Bounded by bytes, not count: one 20-slice 512² volume weighs as much as 80 single slices.
    const limit = this.#options.decodedCacheBytes ?? 96 * 1024 * 1024;
    let total = 0;
    for (const cached of this.#decoded.values()) total += approxBytes(cached);
    while (total > limit && this.#decoded.size > 1) {
      const oldest = this.#decoded.keys().next().value as string;
      total -= approxBytes(this.#decoded.get(oldest) as DecodedImage);
      this.#decoded.delete(oldest);
    }
  }

  /** The active image, decoded (from memory, else from the stored bytes). */
  async activeDecoded(state: ConversationState): Promise<DecodedImage> {
    const active = state.activeImage;
    if (!active) {
      throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    }
    const hit = this.#decoded.get(active.hash);
    if (hit) return hit;
    const bytes = await this.#options.store.getBlob(active.hash);
    if (!bytes) {
      throw new InputError(ErrorCode.NoActiveImage, 'The slice of this conversation has expired.');
    }
    const image = await this.#options.pipeline.decodeBytes(bytes, active.fileName);
    this.#rememberDecoded(active.hash, image);
    return image;
  }

  /** Segments one slice of an image, from the cache when any conversation asked before. */
  async segmentImageSlice(
    hash: string,
    image: DecodedImage,
    index: number,
    progress?: ProgressFn,
  ): Promise<SliceSegmentation> {
    const remote = this.#options.segmentation;
    const segmenter = remote ? undefined : await this.#options.pipeline.getSegmenter();
    const modelVersion = segmenter ? segmenter.version : await (remote as SegmentationBackend).modelVersion();
    const slice = image.slice(index);
    const { result } = await this.#results.getOrCompute(
      { imageHash: hash, modelVersion, slice: index },
      async () => {
        progress?.('Finding the organs…');
        if (!segmenter)
          return (remote as SegmentationBackend).segment({ imageHash: hash, slice: index, modelVersion });
        const [seg] = await segmenter.segmentSlices([slice]);
        if (!seg) throw new Error('no segmentation');
        return toCached(seg);
      },
    );
    return fromCached(result, modelVersion);
  }

  async segmentActive(state: ConversationState, progress?: ProgressFn): Promise<SliceSegmentation> {
    const image = await this.activeDecoded(state);
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    const coarse = await this.segmentImageSlice(active.hash, image, active.slice, progress);
    // With a refiner configured, the shown slice's organs are redrawn from their boxes (once per
    // image and slice: the refined result is cached like the coarse one).
    const refiner = await this.#options.pipeline.getRefiner();
    if (!refiner) return coarse;
    const modelVersion = `${coarse.modelVersion}${REFINED_SUFFIX}`;
    const { result } = await this.#results.getOrCompute(
      { imageHash: active.hash, modelVersion, slice: active.slice },
      async () => {
        progress?.('Refining the outlines…');
        const slice = image.slice(active.slice);
        return toCached(await refineSegmentation(refiner, slice, coarse, `${active.hash}#${active.slice}`));
      },
    );
    return fromCached(result, modelVersion);
  }

  /** Renders the active slice with `organs`, honouring the conversation's display settings. */
  async renderReply(
    state: ConversationState,
    organs: OrganId[],
    text: string,
    answer?: ReplyAnswer,
    kind: Reply['kind'] = 'answer',
  ): Promise<Reply> {
    const image = await this.activeDecoded(state);
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    const slice = image.slice(active.slice);
    const seg = await this.segmentActive(state);
    const extra = (state.extra ?? {}) as Extra;
    const findings = organs.map((id) => seg.findings.find((f) => f.id === id) as OrganFinding);
    const zoomBox = extra.zoom
      ? unionBox(findings.filter((f) => f.present).map((f) => f.bbox as [number, number, number, number]))
      : undefined;
    const style = state.display.style === 'outline' ? 'outline' : 'filled';
    const overlay = await renderOverlay(slice, seg.labels, {
      organs,
      style,
      showBoxes: extra.boxes ?? false,
      zoomTo: zoomBox ?? undefined,
      fillOpacity: state.display.opacity,
      legend: state.display.legend,
    });
    return {
      kind,
      text,
      answer,
      image: {
        png: overlay.png,
        organs: findings.filter((f) => f.present).map((f) => organById(f.id).letter),
        altText: overlayAltText(
          findings.map((f) => ({ id: f.id, bbox: f.present ? f.bbox : null })),
          slice.width,
          slice.height,
          style,
        ),
        fileName: `organ-seg-slice-${active.slice + 1}.png`,
        width: overlay.width,
        height: overlay.height,
      },
      slice: { index: active.slice, count: active.sliceCount },
    };
  }

  async #answerQuestion(
    key: ConversationKey,
    state: ConversationState,
    message: InboundMessage,
    question: string,
    progress: ProgressFn,
  ): Promise<Reply[]> {
    // "also outline the right kidney", "and the spleen", "the aorta too": a follow-up that adds to
    // the organs on the picture is read with them named first.
    const shown = state.selection.map((id) => organById(id).name.toLowerCase()).join(' and the ');
    // ("the left one and the liver" after both kidneys: "one" is one of the pair on the picture)
    const pair = PAIRS.find(([ids]) => sameIds(ids, state.selection))?.[1];
    const sided = pair ? question.replace(ONE_OF_PAIR, (_, side: string) => `the ${side} ${pair}`) : question;
    const asked =
      state.selection.length > 0 && ADDED_FOLLOW_UP.test(sided) ? `show the ${shown}. ${sided}` : sided;
    let resolution: QuestionResolution = this.#options.resolver.resolve(asked);
    let llmNote = '';
    if (this.#options.llm) {
      // The LLM sees the plain slice (as in the paper); whatever it says is checked against A–N,
      // and a late, empty or malformed answer falls back to the embedded resolver.
      progress('Asking the language model…');
      const image = state.activeImage ? await this.activeDecoded(state) : undefined;
      const png =
        image && state.activeImage ? await slicePng(image.slice(state.activeImage.slice)) : undefined;
      const llm = await this.#options.llm.resolve(
        asked,
        png ? { pngBase64: png.toString('base64') } : undefined,
      );
      resolution = llm;
      if (llm.source === 'fallback')
        llmNote = `\n_(The language model did not answer usably — ${llm.fallbackReason ?? 'no reason given'} — so the built-in resolver answered.)_`;
    }
    if (!state.activeImage) {
      const letters = resolution.letters
        .map((l) => (l === 'N' ? 'N. None of them' : `${l}. ${organByLetter(l).name}`))
        .join(', ');
      return [
        {
          kind: 'answer',
          text: `*${letters}*\n${resolution.explanation}\nUpload a slice and I will outline it.${llmNote}`,
          answer: {
            letters: resolution.letters,
            names: namesOf(resolution),
            noneOfThem: resolution.noneOfThem,
            explanation: resolution.explanation,
            organs: [],
          },
        },
      ];
    }
    const image = await this.activeDecoded(state);
    const slice = image.slice(state.activeImage.slice);
    progress('Analysing the slice…');
    const seg = await this.segmentActive(state, progress);
    const grounded = groundAnswer(resolution, seg, slice);
    const drawn = grounded.organs.map((o) => organByLetter(o.letter as OrganLetter).id);
    pushUndo(state);
    state.selection = drawn;
    state.extra = { ...(state.extra ?? {}), lastAsked: resolution.organIds } as JsonObject;
    state.history.push(
      {
        role: 'user',
        userId: message.user.id,
        text: question.slice(0, 500),
        at: this.#now(),
        intent: 'question',
      },
      {
        role: 'bot',
        text: grounded.explanation.slice(0, 500),
        at: this.#now(),
        intent: 'answer',
        answer: grounded.letters[0],
      },
    );
    await this.saveState(key, state);
    return [
      await this.renderReply(state, drawn, `${answerText(grounded)}${llmNote}`, toReplyAnswer(grounded)),
    ];
  }

  async #handleIntent(
    key: ConversationKey,
    state: ConversationState,
    message: InboundMessage,
    intent: Intent,
    progress: ProgressFn,
  ): Promise<Reply[]> {
    switch (intent.kind) {
      case 'help':
        return [{ kind: 'help', text: HELP_TEXT }];
      case 'forget':
        await this.#options.store.forget(key);
        return [
          {
            kind: 'info',
            text: 'Done: I deleted everything this conversation stored (image, answers, quiz round, preferences).',
          },
        ];
      case 'start-over':
        await this.saveState(key, emptyConversation(this.#now()));
        return [{ kind: 'info', text: 'Started over. Upload a slice to begin.' }];
      case 'undo': {
        const previous = state.undo.pop();
        if (!previous) return [{ kind: 'info', text: 'There is nothing to undo.' }];
        state.selection = previous.selection;
        if (state.activeImage) state.activeImage.slice = previous.slice;
        state.display = previous.display;
        await this.saveState(key, state);
        return [
          await this.renderReply(
            state,
            state.selection,
            `Undone. Showing ${describeSelection(state.selection)}.`,
            undefined,
            'info',
          ),
        ];
      }
      case 'letter':
        return this.#answerQuestion(
          key,
          state,
          message,
          intent.letter === 'N' ? 'none of them' : organByLetter(intent.letter).name,
          progress,
        );
      case 'question':
        return this.#answerQuestion(key, state, message, intent.text, progress);
      case 'side':
        return this.#handleSide(key, state, message, intent.side, progress);
      case 'show-all': {
        const seg = await this.segmentActive(state, progress);
        pushUndo(state);
        state.selection = seg.findings.filter((f) => f.present).map((f) => f.id);
        await this.saveState(key, state);
        const text =
          state.selection.length > 0
            ? `All ${state.selection.length} organs visible in this slice: ${describeSelection(state.selection)}.`
            : 'None of the 13 organs is clearly visible in this slice.';
        return [await this.renderReply(state, state.selection, text, undefined, 'info')];
      }
      case 'hide': {
        const hidden = this.#options.resolver.resolve(intent.organText).organIds;
        pushUndo(state);
        state.selection = state.selection.filter((id) => !hidden.includes(id));
        await this.saveState(key, state);
        return [
          await this.renderReply(
            state,
            state.selection,
            `Hidden. Showing ${describeSelection(state.selection)}.`,
            undefined,
            'info',
          ),
        ];
      }
      case 'style':
        pushUndo(state);
        state.display = {
          ...state.display,
          style: intent.style === 'outline' ? 'outline' : 'filled+outline',
        };
        await this.saveState(key, state);
        return [
          await this.renderReply(
            state,
            state.selection,
            intent.style === 'outline' ? 'Outlines only.' : 'Filled.',
            undefined,
            'info',
          ),
        ];
      case 'boxes':
      case 'zoom': {
        pushUndo(state);
        state.extra = {
          ...(state.extra ?? {}),
          [intent.kind === 'zoom' ? 'zoom' : 'boxes']: intent.on,
        } as JsonObject;
        await this.saveState(key, state);
        const text =
          intent.kind === 'zoom'
            ? intent.on
              ? `Zoomed in on ${describeSelection(state.selection)}.`
              : 'Whole slice.'
            : intent.on
              ? 'Bounding boxes on.'
              : 'Bounding boxes off.';
        return [await this.renderReply(state, state.selection, text, undefined, 'info')];
      }
      case 'slice-step':
      case 'slice-goto':
      case 'slice-largest':
        return this.#handleSlice(key, state, intent, progress);
      case 'size':
        return [await this.#sizeReply(state, progress)];
      case 'export':
        return [await this.#exportReply(state, progress)];
      default:
        // Quiz commands were taken by the quiz master before this switch.
        return [{ kind: 'help', text: HELP_TEXT }];
    }
  }

  async #handleSide(
    key: ConversationKey,
    state: ConversationState,
    message: InboundMessage,
    side: 'left' | 'right' | 'other' | 'both',
    progress: ProgressFn,
  ): Promise<Reply[]> {
    const lastAsked = ((state.extra ?? {}) as Extra).lastAsked ?? [];
    const reference = [...state.selection, ...lastAsked].map(organById).find((o) => o.pairedWith);
    if (!reference?.pairedWith) {
      return [
        {
          kind: 'info',
          text: 'Which organ do you mean? Only the kidneys and the adrenal glands come in left and right, e.g. "show the left kidney".',
        },
      ];
    }
    const pair = [reference.id, reference.pairedWith].map(organById);
    const chosen =
      side === 'both'
        ? pair
        : side === 'other'
          ? [organById(reference.pairedWith)]
          : pair.filter((o) => o.side === side);
    const question = chosen.map((o) => o.name).join(' and ');
    return this.#answerQuestion(key, state, message, question, progress);
  }

  async #handleSlice(
    key: ConversationKey,
    state: ConversationState,
    intent: Extract<Intent, { kind: 'slice-step' | 'slice-goto' | 'slice-largest' }>,
    progress: ProgressFn,
  ): Promise<Reply[]> {
    const image = await this.activeDecoded(state);
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    if (image.sliceCount === 1) {
      return [
        {
          kind: 'info',
          text: 'This image is a single slice. Upload a volume (NIfTI, or a DICOM series as a zip) to move between slices.',
        },
      ];
    }
    let target = active.slice;
    let note = '';
    if (intent.kind === 'slice-step') target = active.slice + intent.step;
    if (intent.kind === 'slice-goto') target = intent.number - 1;
    if (intent.kind === 'slice-largest') {
      const organs = this.#options.resolver.resolve(intent.organText).organIds;
      if (organs.length === 0)
        return [{ kind: 'info', text: `I could not tell which organ "${intent.organText}" is.` }];
      progress(`Looking through all ${image.sliceCount} slices…`);
      const areas = await this.#areasPerSlice(active.hash, image, organs, progress);
      const best = areas.reduce((b, a, i) => (a > (areas[b] as number) ? i : b), 0);
      if ((areas[best] as number) === 0) {
        return [
          {
            kind: 'answer',
            text: `The ${describeSelection(organs)} is not visible in any slice of this volume.`,
          },
        ];
      }
      target = best;
      note = `The ${describeSelection(organs)} is largest in slice ${best + 1}. `;
      state.selection = organs;
    }
    if (target < 0 || target >= image.sliceCount) {
      return [
        {
          kind: 'info',
          text: `Slice ${target + 1} does not exist: this volume has slices 1 to ${image.sliceCount}.`,
        },
      ];
    }
    pushUndo(state);
    active.slice = target;
    await this.saveState(key, state);
    const seg = await this.segmentActive(state, progress);
    const visible = state.selection.filter((id) => seg.findings.find((f) => f.id === id)?.present);
    const missing = state.selection.filter((id) => !visible.includes(id));
    const text = `${note}Slice ${target + 1} of ${image.sliceCount}.${missing.length > 0 ? ` The ${describeSelection(missing)} is not visible here.` : ''}`;
    return [await this.renderReply(state, state.selection, text, undefined, 'info')];
  }

  async #areasPerSlice(
    hash: string,
    image: DecodedImage,
    organs: OrganId[],
    progress?: ProgressFn,
  ): Promise<number[]> {
    const slices = await this.#volumeSegmentations(hash, image, progress);
    return slices.map((seg) =>
      organs.reduce((sum, id) => sum + (seg.findings.find((f) => f.id === id)?.areaPx ?? 0), 0),
    );
  }

  /**
   * Every slice of the image, read together (volume.ts: each organ's largest 3D pieces), for what
   * reads the whole volume: sizes, "largest slice", exports. Each slice's own result is cached.
   */
  async #volumeSegmentations(
    hash: string,
    image: DecodedImage,
    progress?: ProgressFn,
  ): Promise<SliceSegmentation[]> {
    const slices: SliceSegmentation[] = [];
    for (let k = 0; k < image.sliceCount; k++) {
      slices.push(await this.segmentImageSlice(hash, image, k));
      if (k % 10 === 9) progress?.(`Looked at ${k + 1} of ${image.sliceCount} slices…`);
    }
    return consistentAcrossSlices(slices);
  }

  async #sizeReply(state: ConversationState, progress: ProgressFn): Promise<Reply> {
    if (state.selection.length === 0)
      return { kind: 'info', text: 'Nothing is selected. Ask about an organ first, e.g. "show the liver".' };
    const image = await this.activeDecoded(state);
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    const slice: Slice = image.slice(active.slice);
    const seg = await this.segmentActive(state, progress);
    const lines: string[] = [];
    // The whole volume is read (together, volume.ts) once for every organ measured over it.
    let volume: Promise<SliceSegmentation[]> | undefined;
    for (const id of state.selection) {
      const finding = seg.findings.find((f) => f.id === id);
      const name = organById(id).name;
      if (!finding?.present) {
        lines.push(`${name}: not visible in this slice.`);
        continue;
      }
      const area = areaCm2(finding.areaPx, slice);
      let line =
        area !== undefined
          ? `${name}: ${area.toFixed(1)} cm² in this slice`
          : `${name}: ${finding.areaPx} pixels in this slice (no pixel spacing in this file, so no cm²)`;
      if (image.sliceCount > 1 && image.storage.kind === 'volume' && area !== undefined) {
        if (!volume) {
          progress('Measuring across all slices…');
          volume = this.#volumeSegmentations(active.hash, image, progress);
        }
        const areas = (await volume).map((s) => s.findings.find((f) => f.id === id)?.areaPx ?? 0);
        const { geometry } = image.storage;
        const thickness = geometry.spacingMm[geometry.displayAxes.slice.axis];
        const [row, col] = slice.pixelSpacingMm ?? [1, 1];
        const volumeMl = (areas.reduce((s, a) => s + a, 0) * row * col * thickness) / 1000;
        line += `; about ${volumeMl.toFixed(1)} mL over the volume`;
      }
      lines.push(`${line}.`);
    }
    return { kind: 'answer', text: lines.join('\n') };
  }

  async #exportReply(state: ConversationState, progress: ProgressFn): Promise<Reply> {
    const image = await this.activeDecoded(state);
    const active = state.activeImage;
    if (!active) throw new InputError(ErrorCode.NoActiveImage, 'There is no slice in this conversation yet.');
    const seg = await this.segmentActive(state, progress);
    const organs =
      state.selection.length > 0 ? state.selection : seg.findings.filter((f) => f.present).map((f) => f.id);
    const files: Reply['files'] = [
      {
        name: `organ-seg-mask-slice-${active.slice + 1}.png`,
        contentType: 'image/png',
        bytes: await renderMaskPng(seg.labels, seg.width, seg.height, organs),
        description: `Mask of ${describeSelection(organs)} on slice ${active.slice + 1} (white = organ, same size as the slice).`,
      },
    ];
    // Every slice's labels, segmented once (cached), read together and shared by the NIfTI and SEG writers.
    if (image.sliceCount > 1) progress(`Segmenting all ${image.sliceCount} slices for the export…`);
    const all = await this.#volumeSegmentations(active.hash, image);
    let note = '';
    const source = active.dicomSource;
    if (source) {
      const seg = this.#dicomSegFile(source, all, organs, active.slice);
      if (seg.file) files.push(seg.file);
      note = seg.note;
    } else if (isDicomFormat(active.format)) {
      note =
        this.#options.keepDicomUids === false
          ? ' DICOM SEG export is switched off here (DICOM_KEEP_UIDS=false), so only the PNG mask is attached.'
          : ' No DICOM SEG for this upload (a multi-frame file, or UIDs missing from its header); the PNG mask is attached.';
    }
    // A DICOM upload's pixels are kept on a display grid without its scanner geometry: no NIfTI.
    if (image.storage.kind === 'volume' && !isDicomFormat(active.format)) {
      const { geometry } = image.storage;
      const [nx, ny, nz] = geometry.dims;
      const volume = new Uint8Array(nx * ny * nz);
      all.forEach((s, k) => {
        writeDisplaySliceToStorage(s.labels, geometry, k, volume);
      });
      files.push({
        name: 'organ-seg-labels.nii.gz',
        contentType: 'application/gzip',
        bytes: writeNiftiLabels(volume, geometry, image.storage.niftiHeader),
        description:
          'Label volume (NIfTI, ids 1–13 as in the README) on the uploaded volume’s grid; opens in ITK-SNAP, 3D Slicer or FSLeyes.',
      });
    }
    return {
      kind: 'info',
      text: `Here is the segmentation of ${describeSelection(organs)}.${note}`,
      files,
    };
  }

  /** The DICOM SEG of a DICOM upload, on the source images' own grid. */
  #dicomSegFile(
    source: DicomSourceReference,
    slices: SliceSegmentation[],
    organs: OrganId[],
    shown: number,
  ): { file?: NonNullable<Reply['files']>[number]; note: string } {
    const plane = source.rows * source.columns;
    const labels = source.frames.map(() => new Uint8Array(plane));
    if (source.geometry) {
      // A series: display slices map back onto the sorted source images through the storage grid.
      const volume = new Uint8Array(plane * source.frames.length);
      const geometry = source.geometry;
      slices.forEach((s, k) => {
        writeDisplaySliceToStorage(s.labels, geometry, k, volume);
      });
      labels.forEach((frame, n) => {
        frame.set(volume.subarray(n * plane, (n + 1) * plane));
      });
    } else {
      // One file: its pixels are shown as they are stored.
      const only = slices[0];
      if (only && only.labels.length === plane) labels[0]?.set(only.labels);
    }
    const seg = writeDicomSeg({
      source,
      labels,
      organs,
      modelVersion: slices[shown]?.modelVersion ?? 'unknown',
      softwareVersion: SOFTWARE_VERSION,
    });
    if (!seg) return { note: ' No DICOM SEG: none of these organs was found in any slice.' };
    const names = describeSelection(seg.segments);
    return {
      file: {
        name: 'organ-seg.seg.dcm',
        contentType: 'application/dicom',
        bytes: seg.bytes,
        description: `DICOM SEG of ${names} (${seg.frames} frame${seg.frames === 1 ? '' : 's'}), referencing the uploaded images by UID; opens over the original series in 3D Slicer, OHIF or a PACS viewer. Patient fields are empty: the bot never keeps them.`,
      },
      note: ' The DICOM SEG opens over the original series.',
    };
  }
}

/** A follow-up that adds to what is shown: "also …", "and the …", "plus …", "add …", "… too". */
/** The pairs a follow-up's "the left one" picks from, by the organs on the picture. */
const PAIRS: ReadonlyArray<readonly [readonly OrganId[], string]> = [
  [[2, 13], 'kidney'],
  [[7, 8], 'adrenal'],
];
const ONE_OF_PAIR = /\bthe (left|right) one\b/gi;
function sameIds(a: readonly OrganId[], b: readonly OrganId[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
const ADDED_FOLLOW_UP =
  /^\s*(?:(?:and\s+)?(?:also|plus|add)\b|and\s+(?:the|both|its?|their)\b)|\b(?:too|as well)\s*[.!?]*\s*$/i;

function isDicomFormat(format: ImageFormat): boolean {
  return format === 'dicom' || format === 'dicom-series';
}

/** The plain slice as an 8-bit PNG, for the LLM's image input. */
async function slicePng(slice: Slice): Promise<Buffer> {
  const gray = Buffer.from(
    Uint8Array.from(slice.pixels, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)),
  );
  return sharp(gray, { raw: { width: slice.width, height: slice.height, channels: 1 } })
    .png()
    .toBuffer();
}

/** Memory a decoded image holds: its intensities as 32-bit floats. */
function approxBytes(image: DecodedImage): number {
  if (image.storage.kind === 'volume') {
    const [nx, ny, nz] = image.storage.geometry.dims;
    return nx * ny * nz * 4;
  }
  return image.storage.width * image.storage.height * 4 * image.sliceCount;
}

function pushUndo(state: ConversationState): void {
  state.undo.push({
    selection: [...state.selection],
    slice: state.activeImage?.slice ?? 0,
    display: { ...state.display },
  });
}

function unionBox(boxes: [number, number, number, number][]): [number, number, number, number] | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((u, b) => [
    Math.min(u[0], b[0]),
    Math.min(u[1], b[1]),
    Math.max(u[2], b[2]),
    Math.max(u[3], b[3]),
  ]);
}

export function describeSelection(ids: OrganId[]): string {
  return ids.length === 0 ? 'no organ' : listNames(ids);
}

function namesOf(resolution: QuestionResolution): string[] {
  return resolution.letters.map((l) => (l === 'N' ? 'None of them' : organByLetter(l).name));
}

export function toReplyAnswer(grounded: GroundedAnswer): ReplyAnswer {
  return {
    letters: grounded.letters,
    names: grounded.names,
    noneOfThem: grounded.noneOfThem,
    explanation: grounded.explanation,
    organs: grounded.organs.map((o) => ({ ...o })),
  };
}

function answerText(grounded: GroundedAnswer): string {
  const head = grounded.noneOfThem
    ? '*N. None of them*'
    : `*${grounded.organs.map((o) => `${o.letter}. ${o.name}`).join(', ')}*`;
  return `${head}\n${grounded.explanation}`;
}

export function toCached(seg: SliceSegmentation): CachedSegmentation {
  return {
    width: seg.width,
    height: seg.height,
    labels: seg.labels,
    details: {
      findings: seg.findings.map((f) => ({
        ...f,
        bbox: f.bbox ? [...f.bbox] : null,
      })) as unknown as JsonObject[],
    },
  };
}

export function fromCached(result: CachedSegmentation, modelVersion: string): SliceSegmentation {
  const findings = ((result.details?.findings ?? []) as unknown as OrganFinding[]).filter((f) =>
    ORGAN_IDS.includes(f.id),
  );
  return { width: result.width, height: result.height, labels: result.labels, findings, modelVersion };
}

export function createBot(options: BotOptions): OrganSegBot {
  return new OrganSegBot(options);
}
