/**
 * The pipeline as one object: decode, segment (model loaded once, results cached by content hash),
 * resolve questions, ground, render. The CLI, the bot and the queue worker all use this; it never
 * imports a chat SDK.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../config.js';
import { asCodedError, type CodedError, ErrorCode, InputError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { type GroundedAnswer, groundAnswer, type ResolvedQuestion } from './answer.js';
import { decodeBytes, decodePath } from './decode/index.js';
import type { DecodedImage, Slice } from './decode/types.js';
import { NONE_OF_THEM, type OrganId, type OrganLetter, organByLetter } from './organs.js';
import { type OverlayOptions, renderOverlay } from './overlay.js';
import { createRefiner, type Refiner, type RefinerOptions, refineSegmentation } from './refiner.js';
import { createSegmenter, type Segmenter, type SliceSegmentation } from './segment.js';

export interface QuestionResolverLike {
  resolve(question: string): ResolvedQuestion;
}

export interface PipelineOptions {
  modelPath: string;
  /** The adrenal second stage's ONNX (adrenal-stage.ts); default: the one the model's sidecar names, if any. */
  adrenalModelPath?: string;
  executionProvider?: 'cpu' | 'cuda';
  threads?: number;
  inputLimits?: InputLimits;
  resolver?: QuestionResolverLike;
  logger?: Logger;
  /** Segmentation results kept in memory, by image hash and slice (default 64). */
  resultCacheSize?: number;
  /** Optional MedSAM-style refiner (ONNX pair) that redraws present organs from their boxes. */
  refiner?: RefinerOptions;
}

export interface SegmentationOutcome {
  /** null when the model is not available; `missing` then says why. */
  segmentation: SliceSegmentation | null;
  missing?: CodedError;
  cached: boolean;
}

export interface AskOutcome {
  answer: GroundedAnswer;
  segmentation: SliceSegmentation | null;
  slice: Slice;
  sliceIndex: number;
  /** Parts that could not run (model missing...), said plainly in replies. */
  missing: string[];
  timingsMs: { segment: number; resolve: number; render: number };
  overlayPng: Buffer;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class Pipeline {
  readonly limits: InputLimits;
  private segmenter: Promise<Segmenter> | undefined;
  private refiner: Promise<Refiner | undefined> | undefined;
  private readonly results = new Map<string, SliceSegmentation>();
  private readonly logger: Logger;

  constructor(private readonly options: PipelineOptions) {
    this.limits = options.inputLimits ?? DEFAULT_INPUT_LIMITS;
    this.logger = options.logger ?? silentLogger;
  }

  decodeFile(path: string): Promise<DecodedImage> {
    return decodePath(path, this.limits);
  }

  decodeBytes(bytes: Uint8Array, fileName?: string): Promise<DecodedImage> {
    return decodeBytes(bytes, { ...this.limits, fileName });
  }

  /** The segmenter, created once; a failure is remembered only until the next call retries. */
  getSegmenter(): Promise<Segmenter> {
    if (!this.segmenter) {
      this.segmenter = createSegmenter({
        modelPath: this.options.modelPath,
        adrenalModelPath: this.options.adrenalModelPath,
        executionProvider: this.options.executionProvider,
        threads: this.options.threads,
        logger: this.logger,
      });
      this.segmenter.catch(() => {
        this.segmenter = undefined;
      });
    }
    return this.segmenter;
  }

  /**
   * The refiner when one is configured and loads; undefined otherwise. A refiner that fails to load
   * is logged once and left out (replies fall back to the segmentation model's own masks).
   */
  getRefiner(): Promise<Refiner | undefined> {
    const options = this.options.refiner;
    if (!options) return Promise.resolve(undefined);
    if (!this.refiner) {
      this.refiner = createRefiner(options).catch((error: unknown) => {
        const coded = asCodedError(error);
        this.logger.warn(
          { code: coded.code, err: coded },
          'refiner unavailable; answering with the coarse masks',
        );
        return undefined;
      });
    }
    return this.refiner;
  }

  /** Segments one display slice, served from the cache when this image and slice were seen before. */
  async segmentSlice(slice: Slice, cacheKey?: string): Promise<SegmentationOutcome> {
    if (cacheKey) {
      const hit = this.results.get(cacheKey);
      if (hit) return { segmentation: hit, cached: true };
    }
    let segmenter: Segmenter;
    try {
      segmenter = await this.getSegmenter();
    } catch (error) {
      const coded = asCodedError(error);
      if (coded.code === ErrorCode.ModelUnavailable || coded.code === ErrorCode.ModelInvalid) {
        return { segmentation: null, missing: coded, cached: false };
      }
      throw coded;
    }
    const [segmentation] = await segmenter.segmentSlices([slice]);
    if (!segmentation) throw new Error('segmenter returned no result');
    if (cacheKey) {
      this.results.set(cacheKey, segmentation);
      const limit = this.options.resultCacheSize ?? 64;
      while (this.results.size > limit) this.results.delete(this.results.keys().next().value as string);
    }
    return { segmentation, cached: false };
  }

  resolve(question: string): ResolvedQuestion {
    if (!this.options.resolver) {
      throw new InputError(ErrorCode.Unknown, 'Question understanding is not available in this build.');
    }
    return this.options.resolver.resolve(question);
  }

  /** One question about one slice, end to end. */
  async ask(params: {
    image: DecodedImage;
    sliceIndex?: number;
    question: string;
    cacheKey?: string;
    overlay?: Omit<OverlayOptions, 'organs'>;
  }): Promise<AskOutcome> {
    const sliceIndex = params.sliceIndex ?? params.image.defaultSlice;
    const slice = params.image.slice(sliceIndex);
    const t0 = performance.now();
    const resolved = this.resolve(params.question);
    const t1 = performance.now();
    const outcome = await this.segmentSlice(
      slice,
      params.cacheKey ? `${params.cacheKey}#${sliceIndex}` : undefined,
    );
    const refiner = outcome.segmentation ? await this.getRefiner() : undefined;
    if (refiner && outcome.segmentation) {
      outcome.segmentation = await refineSegmentation(
        refiner,
        slice,
        outcome.segmentation,
        params.cacheKey ? `${params.cacheKey}#${sliceIndex}` : undefined,
      );
    }
    const t2 = performance.now();
    const missing: string[] = [];
    let answer: GroundedAnswer;
    let labels: Uint8Array;
    if (outcome.segmentation) {
      answer = groundAnswer(resolved, outcome.segmentation, slice);
      labels = outcome.segmentation.labels;
    } else {
      missing.push(`segmentation: ${outcome.missing?.userMessage ?? 'unavailable'}`);
      labels = new Uint8Array(slice.width * slice.height);
      answer = {
        letters: resolved.letters,
        names: resolved.letters.map((l) => (l === 'N' ? NONE_OF_THEM.name : organByLetter(l).name)),
        noneOfThem: resolved.noneOfThem,
        explanation: `${resolved.explanation} The organ could not be located because the segmentation model is not available.`,
        organs: [],
        notVisible: [],
        visible: [],
      };
    }
    const drawn: OrganId[] = answer.organs.map((o) => organByLetter(o.letter as OrganLetter).id);
    const overlay = await renderOverlay(slice, labels, { ...params.overlay, organs: drawn });
    const t3 = performance.now();
    return {
      answer,
      segmentation: outcome.segmentation,
      slice,
      sliceIndex,
      missing,
      timingsMs: { resolve: t1 - t0, segment: t2 - t1, render: t3 - t2 },
      overlayPng: overlay.png,
    };
  }

  async close(): Promise<void> {
    const segmenter = this.segmenter;
    const refiner = this.refiner;
    this.segmenter = undefined;
    this.refiner = undefined;
    if (segmenter) await (await segmenter.catch(() => undefined))?.close();
    if (refiner) await (await refiner)?.close();
  }
}
