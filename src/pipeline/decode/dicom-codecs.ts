/**
 * Decompressors for encapsulated DICOM pixel data. Each turns one frame's bitstream into raw
 * little-endian samples (`bitsPerSample` ≤ 8 → one byte each, else two), which the DICOM decoder then
 * masks, sign-extends and windows exactly like native pixel data.
 *
 * The Cornerstone codecs are emscripten WebAssembly modules (decode-only builds); they and the
 * JPEG Lossless decoder run in one worker thread with a time limit, instantiated lazily, once.
 * RLE is simple and bounded, so it is decoded here.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ErrorCode, InputError } from '../../errors.js';

export interface DecodedFrame {
  /** Samples, little-endian; 1 byte each when bitsPerSample ≤ 8, else 2. */
  bytes: Uint8Array;
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  /** Colour samples are interleaved (RGBRGB…) unless `planar`. */
  planar: boolean;
}

export type Codec = 'jpeg-baseline' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000' | 'rle';

interface TransferSyntax {
  name: string;
  codec?: Codec;
  /** Byte order of native pixel data. */
  bigEndian?: boolean;
  deflated?: boolean;
}

/** Transfer syntaxes by UID. Anything not listed is reported as unsupported, by name when known. */
export const TRANSFER_SYNTAXES: Record<string, TransferSyntax> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian' },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', deflated: true },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', bigEndian: true },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline', codec: 'jpeg-baseline' },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended', codec: 'jpeg-baseline' },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: 'jpeg-2000' },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: 'jpeg-2000' },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', codec: 'rle' },
};

/** Names for syntaxes we recognise but cannot decode, so the error says what the file is. */
export const UNSUPPORTED_SYNTAX_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.4.52': 'JPEG Extended (process 3 & 5)',
  '1.2.840.10008.1.2.4.53': 'JPEG Spectral Selection',
  '1.2.840.10008.1.2.4.55': 'JPEG Full Progression',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Lossless',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2',
  '1.2.840.10008.1.2.4.100': 'MPEG-2 video',
  '1.2.840.10008.1.2.4.101': 'MPEG-2 video',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 (RPCL)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
};

function corrupt(detail: string, cause?: unknown): InputError {
  return new InputError(
    ErrorCode.InputCorrupt,
    'The DICOM image data could not be decompressed; the file may be damaged. Please export it again.',
    { detail, cause },
  );
}

// --- DICOM RLE (PS3.5 Annex G) ------------------------------------------------------------------

/**
 * Decodes one RLE frame. The header lists up to 15 segments: one per byte of each sample, most
 * significant byte first, each a PackBits stream of `rows × columns` bytes. The output is planar
 * (all of sample 0, then sample 1, …) with samples as little-endian bytes.
 */
export function decodeRleFrame(
  frame: Uint8Array,
  rows: number,
  columns: number,
  bitsAllocated: number,
  samplesPerPixel: number,
): DecodedFrame {
  const pixelCount = rows * columns;
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const expectedSegments = bytesPerSample * samplesPerPixel;
  if (frame.length < 64) throw corrupt('RLE header shorter than 64 bytes');
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segmentCount = header.getUint32(0, true);
  if (segmentCount !== expectedSegments) {
    throw corrupt(`RLE frame has ${segmentCount} segments, expected ${expectedSegments}`);
  }
  const out = new Uint8Array(pixelCount * expectedSegments);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = header.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segmentCount ? header.getUint32(8 + segment * 4, true) : frame.length;
    if (start < 64 || start > frame.length || end < start || end > frame.length) {
      throw corrupt('RLE segment offset outside the frame');
    }
    const sample = Math.floor(segment / bytesPerSample);
    // Segment 0 of a sample holds its most significant byte; little-endian output puts that last.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const planeOffset = sample * pixelCount * bytesPerSample;
    const decoded = unpackBits(frame, start, end, pixelCount);
    for (let p = 0; p < pixelCount; p++)
      out[planeOffset + p * bytesPerSample + byteInSample] = decoded[p] ?? 0;
  }
  return {
    bytes: out,
    width: columns,
    height: rows,
    bitsPerSample: bytesPerSample * 8,
    componentCount: samplesPerPixel,
    planar: true,
  };
}

/** PackBits with a fixed output size: a hostile stream cannot grow the output (decompression bomb). */
function unpackBits(source: Uint8Array, start: number, end: number, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  let o = 0;
  let i = start;
  while (i < end && o < outputLength) {
    const n = ((source[i++] ?? 0) << 24) >> 24; // as int8
    if (n >= 0) {
      const count = Math.min(n + 1, outputLength - o, end - i);
      out.set(source.subarray(i, i + count), o);
      o += count;
      i += n + 1;
    } else if (n !== -128) {
      const count = Math.min(1 - n, outputLength - o);
      out.fill(source[i++] ?? 0, o, o + count);
      o += count;
    }
  }
  if (o < outputLength) throw corrupt(`RLE segment decoded to ${o} of ${outputLength} bytes`);
  return out;
}

// --- JPEG family header check ------------------------------------------------------------------

/**
 * Reads width/height from a JPEG (SOFn or JPEG-LS SOF55) or JPEG 2000 codestream (SIZ) without
 * decoding, so a bitstream that claims far more pixels than the DICOM header is refused before any
 * codec allocates memory for it.
 */
export function codestreamDimensions(frame: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 4 || frame[0] !== 0xff) return undefined;
  if (frame[1] === 0x4f && frame[2] === 0xff && frame[3] === 0x51) {
    // J2K: SOC then SIZ: Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) XOsiz(4) YOsiz(4)
    if (frame.length < 24) return undefined;
    const xsiz = view.getUint32(8);
    const ysiz = view.getUint32(12);
    const xo = view.getUint32(16);
    const yo = view.getUint32(20);
    return { width: xsiz - xo, height: ysiz - yo };
  }
  if (frame[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 4 <= frame.length) {
    if (frame[pos] !== 0xff) return undefined;
    const marker = frame[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    const length = view.getUint16(pos + 2);
    const isSof =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7;
    if (isSof) {
      if (pos + 9 > frame.length) return undefined;
      return { height: view.getUint16(pos + 5), width: view.getUint16(pos + 7) };
    }
    if (marker === 0xda) return undefined; // scan data before any frame header
    pos += 2 + length;
  }
  return undefined;
}

// --- Codecs in a worker thread -------------------------------------------------------------------

const require = createRequire(import.meta.url);

/** Module path and decoder class of each codec, resolved here so the worker needs no package lookup. */
const WORKER_CODECS = {
  'jpeg-baseline': {
    path: require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
    decoder: 'JPEGDecoder',
  },
  'jpeg-ls': { path: require.resolve('@cornerstonejs/codec-charls/decodewasmjs'), decoder: 'JpegLSDecoder' },
  'jpeg-2000': { path: require.resolve('@cornerstonejs/codec-openjpeg/decodewasmjs'), decoder: 'J2KDecoder' },
  'jpeg-lossless': { path: require.resolve('jpeg-lossless-decoder-js'), decoder: 'Decoder' },
} as const;

type WorkerCodec = keyof typeof WORKER_CODECS;

/**
 * The worker, as CommonJS source so it runs the same from TypeScript sources (tests) and from dist.
 * Each emscripten module is instantiated once, lazily, with a fresh options object: emscripten adopts
 * that object as its Module, and sharing one between modules makes their bindings collide.
 * print/printErr silence OpenJPEG's [INFO] lines.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const modules = new Map();
function load(codec) {
  let pending = modules.get(codec);
  if (!pending) {
    const spec = workerData[codec];
    pending = codec === 'jpeg-lossless'
      ? Promise.resolve(require(spec.path))
      : require(spec.path)({ print() {}, printErr() {} });
    modules.set(codec, pending);
  }
  return pending;
}
parentPort.on('message', async ({ id, codec, frame, bytesPerSample }) => {
  try {
    const module = await load(codec);
    if (codec === 'jpeg-lossless') {
      const out = new module.Decoder().decode(frame.buffer, frame.byteOffset, frame.byteLength, bytesPerSample);
      const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
      parentPort.postMessage({ id, ok: true, bytes }, [bytes.buffer]);
      return;
    }
    const decoder = new module[workerData[codec].decoder]();
    try {
      decoder.getEncodedBuffer(frame.length).set(frame);
      decoder.decode();
      const { width, height, bitsPerSample, componentCount } = decoder.getFrameInfo();
      // Copy out before delete(): the decoded buffer is a view into WASM memory that delete() frees.
      const bytes = decoder.getDecodedBuffer().slice();
      parentPort.postMessage({ id, ok: true, bytes, info: { width, height, bitsPerSample, componentCount } }, [bytes.buffer]);
    } finally {
      decoder.delete();
    }
  } catch (error) {
    // Emscripten throws numbers (C++ exception pointers) or RuntimeErrors; send text only.
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface WorkerReply {
  id: number;
  ok: boolean;
  bytes?: Uint8Array;
  info?: { width: number; height: number; bitsPerSample: number; componentCount: number };
  message?: string;
}

/**
 * Runs codec jobs one at a time in a worker thread with a time limit. Corrupt streams can send a
 * codec into minutes of work on a few hundred bytes (seen with CharLS); the limit terminates the
 * worker, which stops even WebAssembly mid-loop, and the next job starts a fresh one.
 */
class CodecWorker {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  run(
    codec: WorkerCodec,
    frame: Uint8Array,
    bytesPerSample: number,
    timeoutMs: number,
  ): Promise<WorkerReply> {
    const job = this.queue.then(() => this.send(codec, frame, bytesPerSample, timeoutMs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: WORKER_CODECS });
    worker.unref(); // an idle codec worker must not keep the process alive
    worker.on('error', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private send(
    codec: WorkerCodec,
    frame: Uint8Array,
    bytesPerSample: number,
    timeoutMs: number,
  ): Promise<WorkerReply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        finish();
        resolve(reply);
      };
      const onExit = (code: number) => {
        finish();
        reject(corrupt(`codec worker exited with code ${code}`));
      };
      const timer = setTimeout(() => {
        finish();
        this.worker = undefined;
        void worker.terminate();
        reject(corrupt(`${codec} decoding took over ${timeoutMs} ms`));
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      // Copy so the caller's file bytes are not detached by the transfer.
      const copy = frame.slice();
      worker.postMessage({ id, codec, frame: copy, bytesPerSample }, [copy.buffer]);
    });
  }
}

const codecWorker = new CodecWorker();

/** Generous for real images (a 512×512 frame decodes in milliseconds), short enough to stop a stuck codec. */
function defaultTimeoutMs(pixelCount: number): number {
  return Math.max(3_000, pixelCount / 1_000);
}

async function decodeInWorker(
  codec: WorkerCodec,
  frame: Uint8Array,
  bitsAllocated: number,
  timeoutMs: number,
): Promise<DecodedFrame> {
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const reply = await codecWorker.run(codec, frame, bytesPerSample, timeoutMs);
  if (!reply.ok || !reply.bytes) throw corrupt(`${codec} decoder failed: ${reply.message ?? 'no output'}`);
  if (reply.info) return { bytes: reply.bytes, ...reply.info, planar: false };
  // jpeg-lossless-decoder-js returns bare samples: size and components come from the frame header.
  const dims = codestreamDimensions(frame);
  const pixelCount = (dims?.width ?? 0) * (dims?.height ?? 0);
  return {
    bytes: reply.bytes,
    width: dims?.width ?? 0,
    height: dims?.height ?? 0,
    bitsPerSample: bytesPerSample * 8,
    componentCount: pixelCount > 0 ? Math.round(reply.bytes.length / bytesPerSample / pixelCount) : 0,
    planar: false,
  };
}

/**
 * Decompresses one encapsulated frame after checking its own header agrees with the DICOM header.
 * `timeoutMs` bounds the codec's run time (default scales with the pixel count, at least 3 s).
 */
export async function decodeCompressedFrame(
  codec: Codec,
  frame: Uint8Array,
  expect: { rows: number; columns: number; bitsAllocated: number; samplesPerPixel: number },
  timeoutMs = defaultTimeoutMs(expect.rows * expect.columns),
): Promise<DecodedFrame> {
  if (codec === 'rle')
    return decodeRleFrame(frame, expect.rows, expect.columns, expect.bitsAllocated, expect.samplesPerPixel);
  const dims = codestreamDimensions(frame);
  if (!dims) throw corrupt(`no ${codec} frame header found`);
  if (dims.width !== expect.columns || dims.height !== expect.rows) {
    throw corrupt(
      `${codec} frame is ${dims.width}×${dims.height}, header says ${expect.columns}×${expect.rows}`,
    );
  }
  return decodeInWorker(codec, frame, expect.bitsAllocated, timeoutMs);
}
