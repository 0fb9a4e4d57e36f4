/** The one-shot CLI commands. Each prints what a user or a script needs and nothing else. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { AppConfig } from '../../config.js';
import { PACKAGE_ROOT } from '../../config.js';
import { ErrorCode, InputError } from '../../errors.js';
import { writeDisplaySliceToStorage } from '../../pipeline/decode/geometry.js';
import { writeNiftiLabels } from '../../pipeline/decode/nifti-write.js';
import { displayIndexOfStorageSlice } from '../../pipeline/decode/types.js';
import { evaluateSegmentation, formatTableIII, pairByName, readManifest } from '../../pipeline/evaluate.js';
import {
  isOrganId,
  type OrganId,
  type OrganLetter,
  organById,
  organByLetter,
} from '../../pipeline/organs.js';
import { renderLabelPng, renderMaskPng } from '../../pipeline/overlay.js';
import { Pipeline } from '../../pipeline/pipeline.js';
import {
  evaluateQuestions,
  formatConfusionTable,
  loadQuestionSet,
} from '../../pipeline/question/evaluate.js';
import { createQuestionResolver } from '../../pipeline/question/resolver.js';

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function makePipeline(config: AppConfig): Pipeline {
  return new Pipeline({
    modelPath: config.model.path,
    adrenalModelPath: config.model.adrenalPath,
    executionProvider: config.model.executionProvider,
    threads: config.model.threads,
    inputLimits: config.inputLimits,
    resolver: createQuestionResolver(),
    refiner: config.refiner,
  });
}

export async function runAsk(
  config: AppConfig,
  options: {
    image: string;
    question: string;
    slice?: number;
    out?: string;
    maskOut?: string;
    outline?: boolean;
    boxes?: boolean;
    json?: boolean;
  },
): Promise<void> {
  const pipeline = makePipeline(config);
  try {
    const image = await pipeline.decodeFile(options.image);
    const sliceIndex =
      options.slice === undefined
        ? image.defaultSlice
        : displayIndexOfStorageSlice(image.storage, options.slice);
    if (sliceIndex < 0 || sliceIndex >= image.sliceCount) {
      throw new InputError(
        ErrorCode.SliceOutOfRange,
        `Slice ${options.slice} does not exist: this image has ${image.sliceCount} slice(s), numbered 0 to ${image.sliceCount - 1}.`,
      );
    }
    const outcome = await pipeline.ask({
      image,
      sliceIndex,
      question: options.question,
      overlay: { style: options.outline ? 'outline' : 'filled', showBoxes: options.boxes },
    });
    const overlayPath = options.out ?? 'overlay.png';
    writeFileSync(overlayPath, outcome.overlayPng);
    if (options.maskOut) {
      const ids: OrganId[] = outcome.answer.organs.map((o) => organByLetter(o.letter as OrganLetter).id);
      const labels =
        outcome.segmentation?.labels ?? new Uint8Array(outcome.slice.width * outcome.slice.height);
      writeFileSync(
        options.maskOut,
        await renderMaskPng(labels, outcome.slice.width, outcome.slice.height, ids),
      );
    }
    const { answer } = outcome;
    const storageSlice =
      image.storage.kind === 'volume' ? displayIndexOfStorageSlice(image.storage, sliceIndex) : 0;
    const result = {
      letters: answer.letters,
      names: answer.names,
      noneOfThem: answer.noneOfThem,
      explanation: answer.explanation,
      organs: answer.organs.map((o) => ({
        letter: o.letter,
        name: o.name,
        bbox: o.bbox,
        areaPx: o.areaPx,
        ...(o.areaCm2 !== undefined ? { areaCm2: o.areaCm2 } : {}),
        confidence: o.confidence,
      })),
      overlay: overlayPath,
      ...(options.maskOut ? { mask: options.maskOut } : {}),
      visible: answer.visible.map((id) => organById(id).name),
      notVisible: answer.notVisible.map((id) => organById(id).name),
      slice: storageSlice,
      sliceCount: image.sliceCount,
      input: image.description,
      modelVersion: outcome.segmentation?.modelVersion ?? null,
      missing: outcome.missing,
    };
    if (options.json) {
      print(JSON.stringify(result));
    } else {
      const head = answer.letters.map((l, i) => `${l}. ${answer.names[i]}`).join(', ');
      print(`${head}\n${answer.explanation}\nOverlay: ${overlayPath}`);
      for (const part of outcome.missing) print(`Not available: ${part}`);
    }
  } finally {
    await pipeline.close();
  }
}

export async function runResolve(
  question: string | undefined,
  options: { batch?: string; json?: boolean },
): Promise<void> {
  const resolver = createQuestionResolver();
  const format = (q: string) => {
    const r = resolver.resolve(q);
    const names = r.letters.map((l) => (l === 'N' ? 'None of them' : organByLetter(l).name));
    return {
      letters: r.letters,
      names,
      noneOfThem: r.noneOfThem,
      explanation: r.explanation,
      confidence: r.confidence,
    };
  };
  if (options.batch) {
    const lines = readFileSync(options.batch, 'utf8').split('\n');
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        print(JSON.stringify(format(line)));
      } catch (error) {
        print(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      }
    }
    return;
  }
  if (question === undefined) {
    throw new InputError(
      ErrorCode.QuestionEmpty,
      'Please give a question, e.g. organ-seg resolve "Which organ stores bile?"',
    );
  }
  const r = format(question);
  print(
    options.json
      ? JSON.stringify(r)
      : `${r.letters.map((l, i) => `${l}. ${r.names[i]}`).join(', ')}\n${r.explanation}`,
  );
}

export async function runSegment(
  config: AppConfig,
  options: { image: string; labelsOut: string; json?: boolean },
): Promise<void> {
  const pipeline = makePipeline(config);
  try {
    const image = await pipeline.decodeFile(options.image);
    const segmenter = await pipeline.getSegmenter();
    const counts = new Array<number>(14).fill(0);
    if (image.storage.kind === 'plane') {
      const [seg] = await segmenter.segmentSlices([image.slice(0)]);
      if (!seg) throw new Error('no segmentation');
      for (const v of seg.labels) counts[v] = (counts[v] as number) + 1;
      writeFileSync(options.labelsOut, await renderLabelPng(seg.labels, seg.width, seg.height));
    } else {
      const { geometry } = image.storage;
      const [nx, ny, nz] = geometry.dims;
      const volume = new Uint8Array(nx * ny * nz);
      const results = await segmenter.segmentVolume(
        Array.from({ length: image.sliceCount }, (_, k) => image.slice(k)),
        (done, total) => {
          if (!options.json) process.stderr.write(`\rsegmenting slice ${done}/${total}`);
        },
      );
      results.forEach((seg, k) => {
        writeDisplaySliceToStorage(seg.labels, geometry, k, volume);
      });
      if (!options.json) process.stderr.write('\n');
      for (const v of volume) counts[v] = (counts[v] as number) + 1;
      writeFileSync(options.labelsOut, writeNiftiLabels(volume, geometry, image.storage.niftiHeader));
    }
    const organs = Object.fromEntries(counts.flatMap((c, id) => (id > 0 && c > 0 ? [[String(id), c]] : [])));
    const summary = {
      labelsOut: options.labelsOut,
      format: image.storage.kind === 'plane' ? 'png' : 'nifti',
      shape:
        image.storage.kind === 'plane'
          ? [image.storage.width, image.storage.height]
          : image.storage.geometry.dims,
      organs,
      modelVersion: segmenter.version,
    };
    print(
      options.json
        ? JSON.stringify(summary)
        : `Wrote ${options.labelsOut} (${Object.keys(organs).length} organs found)`,
    );
  } finally {
    await pipeline.close();
  }
}

export async function runEval(
  config: AppConfig,
  options: {
    images?: string;
    labels?: string;
    manifest?: string;
    scheme: string;
    organs?: string;
    json?: boolean;
  },
): Promise<void> {
  const pairs = options.manifest
    ? readManifest(options.manifest)
    : options.images
      ? pairByName(options.images, options.labels ?? options.images, options.scheme)
      : [];
  if (pairs.length === 0) {
    throw new InputError(
      ErrorCode.InputNotFound,
      'No image/label pairs found: give --images DIR [--labels DIR] or --manifest FILE.',
    );
  }
  const organs = options.organs?.split(',').map((s) => Number.parseInt(s.trim(), 10));
  if (organs?.some((id) => !isOrganId(id))) {
    throw new InputError(
      ErrorCode.InputUnsupportedFormat,
      '--organs takes organ ids 1..13, comma-separated.',
    );
  }
  const pipeline = makePipeline(config);
  try {
    const result = await evaluateSegmentation(pairs, await pipeline.getSegmenter(), {
      limits: pipeline.limits,
      organs: organs as OrganId[] | undefined,
      defaultScheme: options.scheme,
      onCase: options.json
        ? undefined
        : (_pair, i) => process.stderr.write(`\revaluating ${i + 1}/${pairs.length}`),
    });
    if (!options.json) process.stderr.write('\n');
    print(options.json ? JSON.stringify(result) : formatTableIII(result));
  } finally {
    await pipeline.close();
  }
}

export async function runEvalQuestions(options: {
  file?: string;
  split: string;
  json?: boolean;
}): Promise<void> {
  const file = options.file ?? resolvePath(PACKAGE_ROOT, 'data/questions/questions.jsonl');
  const split = options.split === 'all' ? undefined : (options.split as 'train' | 'test');
  const questions = loadQuestionSet(file, split);
  const result = evaluateQuestions(createQuestionResolver(), questions);
  print(options.json ? JSON.stringify(result) : formatConfusionTable(result));
}
