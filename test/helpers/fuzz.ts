/**
 * Seeded mutation fuzzing for the decoders: the same seed gives the same cases, so a failure seen in
 * CI is replayed here with its case name. Mutations are the classic ones (bit flips, byte runs,
 * truncation, header fields set to boundary values, duplicated spans) applied to real fixtures.
 */
import { isCodedError } from '../../src/errors.js';
import type { DecodedImage, DecodeOptions } from '../../src/pipeline/decode/types.js';

/** mulberry32: a tiny seeded PRNG, good enough to pick offsets and values. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = 'bitflip' | 'byterun' | 'truncate' | 'field' | 'duplicate' | 'splice-out';
export const MUTATIONS: Mutation[] = ['bitflip', 'byterun', 'truncate', 'field', 'duplicate', 'splice-out'];

/** Values that break size arithmetic: zero, sign bits, all ones, just over 16 and 32 bits. */
const BOUNDARY_32 = [0, 1, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

function int(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

/**
 * One mutated copy of `input`. `headerBytes` bounds where `field` writes (most parsers trust the
 * first few hundred bytes most).
 */
export function mutate(
  input: Uint8Array,
  kind: Mutation,
  random: () => number,
  headerBytes = 512,
): Uint8Array {
  const length = input.length;
  switch (kind) {
    case 'bitflip': {
      const out = input.slice();
      const flips = 1 + int(random, 8);
      for (let i = 0; i < flips; i++) {
        const at = int(random, length);
        out[at] = (out[at] as number) ^ (1 << int(random, 8));
      }
      return out;
    }
    case 'byterun': {
      const out = input.slice();
      const at = int(random, length);
      const run = 1 + int(random, 64);
      const fill = [0x00, 0xff, 0x7f, 0x80, int(random, 256)][int(random, 5)] as number;
      out.fill(fill, at, Math.min(length, at + run));
      return out;
    }
    case 'truncate':
      // Biased towards the header, where a cut confuses parsers most, but anywhere is possible.
      return input.slice(
        0,
        random() < 0.5 ? int(random, Math.min(length, headerBytes)) : int(random, length),
      );
    case 'field': {
      const out = input.slice();
      const view = new DataView(out.buffer);
      const at = int(random, Math.max(1, Math.min(length, headerBytes) - 4));
      const value = BOUNDARY_32[int(random, BOUNDARY_32.length)] as number;
      const littleEndian = random() < 0.5;
      if (random() < 0.5) view.setUint16(at, value & 0xffff, littleEndian);
      else view.setUint32(at, value >>> 0, littleEndian);
      return out;
    }
    case 'duplicate': {
      const from = int(random, length);
      const span = input.subarray(from, Math.min(length, from + 1 + int(random, 256)));
      const to = int(random, length);
      const out = new Uint8Array(length + span.length);
      out.set(input.subarray(0, to));
      out.set(span, to);
      out.set(input.subarray(to), to + span.length);
      return out;
    }
    case 'splice-out': {
      const from = int(random, length);
      const to = Math.min(length, from + 1 + int(random, 256));
      const out = new Uint8Array(length - (to - from));
      out.set(input.subarray(0, from));
      out.set(input.subarray(to), from);
      return out;
    }
  }
}

export interface CaseOutcome {
  name: string;
  ms: number;
  /** 'ok' decoded (and slices read), 'coded' a coded error, 'bad' anything else. */
  result: 'ok' | 'coded' | 'bad';
  code?: string;
  problem?: string;
}

function checkSlice(image: DecodedImage, index: number): string | undefined {
  const slice = image.slice(index);
  if (!(slice.width > 0 && slice.height > 0) || slice.pixels.length !== slice.width * slice.height) {
    return `slice ${index} is ${slice.width}×${slice.height} with ${slice.pixels.length} pixels`;
  }
  for (let i = 0; i < slice.pixels.length; i++) {
    const v = slice.pixels[i] as number;
    // Intensities are documented as [0, 1]; NaN would poison the model input and the overlay.
    if (!(v >= 0 && v <= 1)) return `slice ${index} pixel ${i} is ${v}`;
  }
  return undefined;
}

/**
 * Runs one case: decode, then read slice 0, the default slice and the middle slice. Resolves with
 * the outcome; never throws. A case over `limitMs` is reported as 'bad' (a hung decoder).
 */
export async function runDecodeCase(
  name: string,
  bytes: Uint8Array,
  decode: (bytes: Uint8Array, options: DecodeOptions) => Promise<DecodedImage>,
  options: DecodeOptions,
  limitMs: number,
): Promise<CaseOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  const work = (async (): Promise<CaseOutcome> => {
    try {
      const image = await decode(bytes, options);
      if (!(Number.isInteger(image.sliceCount) && image.sliceCount >= 1)) {
        return { name, ms: 0, result: 'bad', problem: `sliceCount ${image.sliceCount}` };
      }
      const indices = new Set([0, image.defaultSlice, Math.floor(image.sliceCount / 2)]);
      for (const index of indices) {
        const problem = checkSlice(image, index);
        if (problem) return { name, ms: 0, result: 'bad', problem };
      }
      return { name, ms: 0, result: 'ok' };
    } catch (error) {
      if (isCodedError(error)) {
        if (/\bat .*\.[jt]s:\d+/.test(error.userMessage)) {
          return { name, ms: 0, result: 'bad', code: error.code, problem: 'stack trace in the user message' };
        }
        return { name, ms: 0, result: 'coded', code: error.code };
      }
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { name, ms: 0, result: 'bad', problem: `uncoded ${detail}` };
    }
  })();
  const outcome = await Promise.race([work, timedOut]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  if (outcome === 'timeout') {
    // The run fails on this case anyway; the decoder is left to finish (or hang) on its own.
    return { name, ms, result: 'bad', problem: `no answer within ${limitMs} ms` };
  }
  if (ms > limitMs)
    return { ...outcome, ms, result: 'bad', problem: `took ${ms.toFixed(0)} ms (limit ${limitMs})` };
  return { ...outcome, ms };
}

/** Totals for the closing log line and assertions. */
export class FuzzTally {
  readonly outcomes: CaseOutcome[] = [];

  add(outcome: CaseOutcome): void {
    this.outcomes.push(outcome);
  }

  get count(): number {
    return this.outcomes.length;
  }

  get bad(): CaseOutcome[] {
    return this.outcomes.filter((o) => o.result === 'bad');
  }

  get worst(): CaseOutcome | undefined {
    return this.outcomes.reduce<CaseOutcome | undefined>((w, o) => (!w || o.ms > w.ms ? o : w), undefined);
  }

  summary(): string {
    const ok = this.outcomes.filter((o) => o.result === 'ok').length;
    const codes = new Map<string, number>();
    for (const o of this.outcomes) if (o.code) codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
    const worst = this.worst;
    return `${this.count} cases: ${ok} decoded, ${this.count - ok - this.bad.length} coded errors (${[
      ...codes,
    ]
      .map(([c, n]) => `${c} ${n}`)
      .join(
        ', ',
      )}), ${this.bad.length} bad; worst ${worst ? `${worst.ms.toFixed(0)} ms (${worst.name})` : 'n/a'}`;
  }
}
