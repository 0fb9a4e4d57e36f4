/**
 * `npm run bench [-- --json] [-- --model PATH] [-- --medsam PATH]`: how fast a user gets a reply.
 *
 * Everything runs through the real bot core in one process (in-process pipeline, memory store), on
 * synthetic inputs made here: a 512×512 slice and a 20-slice 512×512 CT series (a zip of DICOM
 * files). Each timed question uploads bytes never seen before, so the model really runs; the
 * follow-up is a second question about the same image, served from the result cache.
 *
 * Side by side, in the same process and on the same cores: one forward pass of a MedSAM-sized
 * image encoder (SAM ViT-B, 1024×1024, random weights from training/make_medsam_encoder.py), the
 * pass MedSAM needs before it can draw any mask. `speedupVsMedsamEncoder` is how many times our
 * whole reply (p50) fits into that one pass.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { createBot, type OrganSegBot } from '../src/bot/bot.js';
import type { InboundMessage, Reply } from '../src/bot/types.js';
import { MemoryConversationStore } from '../src/cache/memory-store.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { encodeDisplayVolume } from '../src/pipeline/decode/derived.js';
import { renderOverlay } from '../src/pipeline/overlay.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { abdomenHu, makeDicom, toBuffer, zipFiles } from '../test/helpers/dicom-fixtures.js';
import { pngChunk, slicePng, syntheticSlice } from '../test/helpers/synthetic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TINY_MODEL = `${ROOT}test/fixtures/models/tiny-organ-seg.onnx`;
const MEDSAM_ENCODER = `${ROOT}.cache/medsam-vitb-encoder.onnx`;
const QUESTION = 'Which organ stores bile?';
const FOLLOW_UP = 'what about the spleen?';

/** Targets from issue 7, on the 2-core reference machine. */
const TARGETS = { askP50Ms: 250, followupP50Ms: 40, asksPerSecondC4: 8, peakRssMb: 500 };

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    model: { type: 'string' },
    medsam: { type: 'string' },
    /** Timed asks for the latency percentiles (after warm-up). */
    asks: { type: 'string', default: '30' },
    /** Timed MedSAM encoder passes (after one warm-up pass). */
    'medsam-runs': { type: 'string', default: '3' },
  },
});

function log(line: string): void {
  // Progress goes to stderr so `--json` leaves stdout to the one JSON object.
  process.stderr.write(`${line}\n`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const peakRssMb = () => round1(process.resourceUsage().maxRSS / 1024);

// --- Inputs -----------------------------------------------------------------------------------------

/** Different bytes, same pixels: a PNG text chunk after IHDR, so every upload has a new hash. */
function withTag(png: Buffer, tag: string): Buffer {
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from(`Comment\0${tag}`, 'latin1')),
    png.subarray(ihdrEnd),
  ]);
}

/** A zip of a 20-slice axial CT series, 512×512, 16-bit; `seed` makes its pixels (and hash) unique. */
function ctSeriesZip(seed: number, slices = 20, size = 512): Uint8Array {
  const base = abdomenHu(size, size);
  const files: Record<string, Uint8Array> = {};
  const seriesUid = `2.25.${1000 + seed}`;
  for (let k = 0; k < slices; k++) {
    const hu = new Int16Array(base);
    hu[k] = seed; // one pixel per slice: unique bytes, the same anatomy
    files[`IM${String(k).padStart(4, '0')}.dcm`] = makeDicom({
      rows: size,
      columns: size,
      pixelData: toBuffer(hu),
      modality: 'CT',
      pixelRepresentation: 1,
      position: [0, 0, k * 5],
      orientation: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.8, 0.8],
      seriesUid,
      instanceNumber: k + 1,
    });
  }
  return zipFiles(files);
}

// --- Bot --------------------------------------------------------------------------------------------

function ask(
  bot: OrganSegBot,
  conversation: string,
  text: string,
  file?: { name: string; bytes: Uint8Array },
): Promise<Reply[]> {
  const message: InboundMessage = {
    conversation: { platform: 'web', workspace: 'bench', channel: conversation },
    user: { id: `u-${conversation}` },
    text,
    attachments: file ? [file] : [],
  };
  return bot.handle(message);
}

async function timedAsk(
  bot: OrganSegBot,
  conversation: string,
  text: string,
  file?: { name: string; bytes: Uint8Array },
): Promise<number> {
  const t0 = performance.now();
  const replies = await ask(bot, conversation, text, file);
  const ms = performance.now() - t0;
  const reply = replies.at(-1);
  if (reply?.kind !== 'answer' || !reply.image) {
    throw new Error(`bench question got no answer with an overlay: ${reply?.kind} ${reply?.text ?? ''}`);
  }
  return ms;
}

let conversationCounter = 0;
const nextConversation = () => `c${conversationCounter++}`;

interface LatencyReport {
  askP50Ms: number;
  askP95Ms: number;
  followupP50Ms: number;
  followupP95Ms: number;
  asksPerSecond: Record<string, number>;
}

/** Latency of new-image asks and follow-ups, then throughput at each concurrency. */
async function measureBot(
  bot: OrganSegBot,
  makeFile: (i: number) => { name: string; bytes: Uint8Array },
  options: { warmup: number; asks: number; concurrency: number[]; throughputAsks: number },
): Promise<LatencyReport> {
  let fileIndex = 0;
  for (let i = 0; i < options.warmup; i++) {
    const c = nextConversation();
    await timedAsk(bot, c, QUESTION, makeFile(fileIndex++));
    await timedAsk(bot, c, FOLLOW_UP);
  }
  const askMs: number[] = [];
  const followMs: number[] = [];
  for (let i = 0; i < options.asks; i++) {
    const c = nextConversation();
    const file = makeFile(fileIndex++);
    askMs.push(await timedAsk(bot, c, QUESTION, file));
    followMs.push(await timedAsk(bot, c, FOLLOW_UP));
  }
  const asksPerSecond: Record<string, number> = {};
  for (const concurrency of options.concurrency) {
    const files = Array.from({ length: Math.max(options.throughputAsks, concurrency) }, () =>
      makeFile(fileIndex++),
    );
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < files.length) {
          const file = files[next++] as { name: string; bytes: Uint8Array };
          await timedAsk(bot, nextConversation(), QUESTION, file);
        }
      }),
    );
    asksPerSecond[`c${concurrency}`] = round1(files.length / ((performance.now() - t0) / 1000));
  }
  return {
    askP50Ms: round1(percentile(askMs, 50)),
    askP95Ms: round1(percentile(askMs, 95)),
    followupP50Ms: round1(percentile(followMs, 50)),
    followupP95Ms: round1(percentile(followMs, 95)),
    asksPerSecond,
  };
}

/** Where one ask's time goes: the pipeline stages timed one by one on the same kind of input. */
async function measureBreakdown(
  pipeline: Pipeline,
  resolver: ReturnType<typeof createQuestionResolver>,
  pngs: Buffer[],
) {
  const segmenter = await pipeline.getSegmenter();
  const stages = {
    decode: [] as number[],
    segment: [] as number[],
    resolve: [] as number[],
    render: [] as number[],
    encode: [] as number[],
  };
  for (const png of pngs) {
    let t = performance.now();
    const image = await pipeline.decodeBytes(png, 'slice.png');
    stages.decode.push(performance.now() - t);
    const slice = image.slice(image.defaultSlice);
    t = performance.now();
    const [seg] = await segmenter.segmentSlices([slice]);
    stages.segment.push(performance.now() - t);
    t = performance.now();
    resolver.resolve(QUESTION);
    stages.resolve.push(performance.now() - t);
    if (!seg) throw new Error('no segmentation');
    t = performance.now();
    const overlay = await renderOverlay(slice, seg.labels, { organs: [9], style: 'filled', legend: true });
    const renderTotal = performance.now() - t;
    // sharp composes and encodes in one pipeline; the PNG encode of a same-sized RGB frame is
    // timed alone and taken out of `render` so the stages add up.
    const rgb = Buffer.alloc(overlay.width * overlay.height * 3, 90);
    t = performance.now();
    await sharp(rgb, { raw: { width: overlay.width, height: overlay.height, channels: 3 } })
      .png({ compressionLevel: 6 })
      .toBuffer();
    const encode = performance.now() - t;
    stages.encode.push(encode);
    stages.render.push(Math.max(0, renderTotal - encode));
  }
  return Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round1(percentile(v, 50))])) as Record<
    keyof typeof stages,
    number
  >;
}

/**
 * Where a series upload's time goes: the zip of DICOM files decoded, re-encoded as a de-identified
 * display volume (what the bot stores instead of the DICOM), that copy decoded, one slice segmented
 * (an ask), and all slices read together (what a size over the volume or an export costs).
 */
async function measureSeriesBreakdown(pipeline: Pipeline, zips: Uint8Array[]) {
  const segmenter = await pipeline.getSegmenter();
  const stages = {
    decode: [] as number[],
    deidentify: [] as number[],
    redecode: [] as number[],
    segment: [] as number[],
    segmentVolume: [] as number[],
  };
  for (const zip of zips) {
    let t = performance.now();
    const decoded = await pipeline.decodeBytes(zip, 'series.zip');
    stages.decode.push(performance.now() - t);
    t = performance.now();
    const kept = encodeDisplayVolume(decoded);
    stages.deidentify.push(performance.now() - t);
    t = performance.now();
    const image = await pipeline.decodeBytes(kept, 'series.zip');
    stages.redecode.push(performance.now() - t);
    t = performance.now();
    await segmenter.segmentSlices([image.slice(image.defaultSlice)]);
    stages.segment.push(performance.now() - t);
    t = performance.now();
    await segmenter.segmentVolume(Array.from({ length: image.sliceCount }, (_, k) => image.slice(k)));
    stages.segmentVolume.push(performance.now() - t);
  }
  return Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round1(percentile(v, 50))])) as Record<
    keyof typeof stages,
    number
  >;
}

// --- MedSAM encoder ---------------------------------------------------------------------------------

async function measureMedsamEncoder(path: string, runs: number): Promise<{ ms: number; runsMs: number[] }> {
  const session = await ort.InferenceSession.create(path, {
    graphOptimizationLevel: 'all',
    executionProviders: ['cpu'],
  });
  try {
    const input = new Float32Array(3 * 1024 * 1024);
    for (let i = 0; i < input.length; i++) input[i] = Math.random();
    const feeds = { [session.inputNames[0] as string]: new ort.Tensor('float32', input, [1, 3, 1024, 1024]) };
    log('  MedSAM encoder: warm-up pass…');
    await session.run(feeds);
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await session.run(feeds);
      runsMs.push(round1(performance.now() - t0));
      log(`  MedSAM encoder pass ${i + 1}/${runs}: ${runsMs.at(-1)} ms`);
    }
    return { ms: round1(percentile(runsMs, 50)), runsMs };
  } finally {
    await session.release();
  }
}

// --- Main -------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const configured = args.model ?? loadConfig().model.path;
  const fallback = !existsSync(configured);
  const modelPath = fallback ? TINY_MODEL : configured;
  const notes: string[] = [];
  if (fallback) {
    notes.push(
      `model ${configured} not found: using the random-weight test fixture ${TINY_MODEL} (same contract; timings only)`,
    );
  }
  const asks = Number.parseInt(args.asks, 10);
  const resolver = createQuestionResolver();
  const pipeline = new Pipeline({ modelPath, resolver, logger: silentLogger });
  const segmenter = await pipeline.getSegmenter();
  const bot = createBot({
    pipeline,
    resolver,
    store: new MemoryConversationStore(),
    logger: silentLogger,
    rateLimits: { userPerMinute: 1_000_000, channelPerMinute: 1_000_000 },
  });
  log(
    `model: ${modelPath} (version ${segmenter.version})${fallback ? ' [FALLBACK: tiny test fixture]' : ''}`,
  );

  log('512×512 slice: asks, follow-ups, throughput…');
  const basePng = await slicePng(syntheticSlice(512, 512));
  const sliceFile = (i: number) => ({
    name: `slice-${i}.png`,
    bytes: withTag(basePng, `bench ${i} ${process.pid}`),
  });
  const slice = await measureBot(bot, sliceFile, {
    warmup: 3,
    asks,
    concurrency: [1, 4, 16],
    throughputAsks: 32,
  });
  const breakdownMs = await measureBreakdown(
    pipeline,
    resolver,
    Array.from({ length: 10 }, (_, i) => withTag(basePng, `stage ${i}`)),
  );
  // maxRSS only grows: read now, before the series and the MedSAM encoder raise it.
  const rssMb = peakRssMb();

  log('20-slice DICOM series (zip): asks, follow-ups, throughput…');
  const seriesFile = (i: number) => ({ name: `series-${i}.zip`, bytes: ctSeriesZip(i + 1) });
  const series = await measureBot(bot, seriesFile, {
    warmup: 1,
    asks: Math.max(3, Math.round(asks / 5)),
    concurrency: [1, 4],
    throughputAsks: 8,
  });
  const seriesBreakdownMs = await measureSeriesBreakdown(
    pipeline,
    [101, 102, 103].map((seed) => ctSeriesZip(seed)),
  );
  const seriesRssMb = peakRssMb();
  await bot.close();
  await pipeline.close();

  const medsamPath = args.medsam ?? MEDSAM_ENCODER;
  let medsamEncoderMs: number | null = null;
  let medsamRunsMs: number[] = [];
  if (existsSync(medsamPath)) {
    log(`MedSAM-sized encoder (ViT-B, 1024×1024): ${medsamPath}`);
    ({ ms: medsamEncoderMs, runsMs: medsamRunsMs } = await measureMedsamEncoder(
      medsamPath,
      Number.parseInt(args['medsam-runs'], 10),
    ));
  } else {
    notes.push(
      `MedSAM encoder not found at ${medsamPath}: make it once with \`/usr/bin/python3 training/make_medsam_encoder.py\` (needs torch; a few minutes of CPU), then run the bench again`,
    );
  }

  const result = {
    model: { path: modelPath, version: segmenter.version, fallbackToTestFixture: fallback },
    askP50Ms: slice.askP50Ms,
    askP95Ms: slice.askP95Ms,
    followupP50Ms: slice.followupP50Ms,
    followupP95Ms: slice.followupP95Ms,
    asksPerSecondC1: slice.asksPerSecond.c1,
    asksPerSecondC4: slice.asksPerSecond.c4,
    asksPerSecondC16: slice.asksPerSecond.c16,
    breakdownMs,
    peakRssMb: rssMb,
    series: {
      slices: 20,
      askP50Ms: series.askP50Ms,
      askP95Ms: series.askP95Ms,
      followupP50Ms: series.followupP50Ms,
      asksPerSecondC1: series.asksPerSecond.c1,
      asksPerSecondC4: series.asksPerSecond.c4,
      breakdownMs: seriesBreakdownMs,
      /** Peak of the whole process so far (slices, then series). */
      peakRssMb: seriesRssMb,
    },
    medsamEncoderMs,
    medsamEncoderRunsMs: medsamRunsMs,
    speedupVsMedsamEncoder: medsamEncoderMs === null ? null : round1(medsamEncoderMs / slice.askP50Ms),
    targets: {
      askP50Ms: { target: TARGETS.askP50Ms, met: slice.askP50Ms <= TARGETS.askP50Ms },
      followupP50Ms: { target: TARGETS.followupP50Ms, met: slice.followupP50Ms <= TARGETS.followupP50Ms },
      asksPerSecondC4: {
        target: TARGETS.asksPerSecondC4,
        met: (slice.asksPerSecond.c4 ?? 0) >= TARGETS.asksPerSecondC4,
      },
      peakRssMb: { target: TARGETS.peakRssMb, met: rssMb <= TARGETS.peakRssMb },
    },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: round1(loadavg()[0] ?? 0),
      node: process.version,
    },
    notes,
  };

  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rows: [string, string, string][] = [
    [
      'ask p50 / p95 (512×512, new image)',
      `${result.askP50Ms} / ${result.askP95Ms} ms`,
      `≤ ${TARGETS.askP50Ms} ms: ${met(result.targets.askP50Ms.met)}`,
    ],
    [
      '  decode / segment / resolve',
      `${breakdownMs.decode} / ${breakdownMs.segment} / ${breakdownMs.resolve} ms`,
      '',
    ],
    ['  render / encode', `${breakdownMs.render} / ${breakdownMs.encode} ms`, ''],
    [
      'follow-up p50 / p95 (cached)',
      `${result.followupP50Ms} / ${result.followupP95Ms} ms`,
      `≤ ${TARGETS.followupP50Ms} ms: ${met(result.targets.followupP50Ms.met)}`,
    ],
    [
      'asks/s at concurrency 1 / 4 / 16',
      `${result.asksPerSecondC1} / ${result.asksPerSecondC4} / ${result.asksPerSecondC16}`,
      `c4 ≥ ${TARGETS.asksPerSecondC4}: ${met(result.targets.asksPerSecondC4.met)}`,
    ],
    [
      'peak RSS (512×512 part)',
      `${result.peakRssMb} MB`,
      `≤ ${TARGETS.peakRssMb} MB: ${met(result.targets.peakRssMb.met)}`,
    ],
    ['20-slice series: ask p50 / p95', `${series.askP50Ms} / ${series.askP95Ms} ms`, ''],
    ['20-slice series: follow-up p50', `${series.followupP50Ms} ms`, ''],
    ['20-slice series: asks/s c1 / c4', `${series.asksPerSecond.c1} / ${series.asksPerSecond.c4}`, ''],
    [
      '  decode / de-identify / re-decode / segment',
      `${seriesBreakdownMs.decode} / ${seriesBreakdownMs.deidentify} / ${seriesBreakdownMs.redecode} / ${seriesBreakdownMs.segment} ms`,
      '',
    ],
    ['20-slice series: peak RSS (whole run)', `${seriesRssMb} MB`, ''],
    [
      'MedSAM ViT-B encoder pass (1024²)',
      medsamEncoderMs === null ? 'not measured' : `${medsamEncoderMs} ms`,
      '',
    ],
    [
      'speed-up: encoder pass / our ask p50',
      result.speedupVsMedsamEncoder === null ? '–' : `${result.speedupVsMedsamEncoder}×`,
      '',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `model: ${modelPath} (${segmenter.version})${fallback ? '  [test fixture, random weights]' : ''}`,
    `machine: ${result.machine.cpus} CPUs, ${result.machine.cpuModel}, load ${result.machine.loadAverage1m}, Node ${process.version}`,
    '',
    ...rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`),
    ...notes.map((n) => `note: ${n}`),
    '',
    JSON.stringify(result),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
