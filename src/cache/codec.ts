/**
 * What both stores share: how values are checked, bounded and turned into bytes. Keeping this in
 * one place is what lets one conformance suite hold the memory and Redis stores to the same contract.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isAnswerLetter } from '../pipeline/organs.js';
import {
  type CachedSegmentation,
  type ConversationState,
  DEFAULT_EVENT_TTL_SECONDS,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_TTL_SECONDS,
  DEFAULT_UNDO_LIMIT,
  type JsonObject,
  type NewQuizRound,
  type QuizRound,
  type RateLimitDecision,
  type RateLimitRule,
  type StoreOptions,
  type UserPrefs,
} from './store.js';

export interface ResolvedStoreOptions {
  ttlSeconds: number;
  historyLimit: number;
  undoLimit: number;
  eventTtlSeconds: number;
  now: () => number;
}

export function resolveStoreOptions(options: StoreOptions): ResolvedStoreOptions {
  const resolved = {
    ttlSeconds: options.ttlSeconds ?? DEFAULT_TTL_SECONDS,
    historyLimit: options.historyLimit ?? DEFAULT_HISTORY_LIMIT,
    undoLimit: options.undoLimit ?? DEFAULT_UNDO_LIMIT,
    eventTtlSeconds: options.eventTtlSeconds ?? DEFAULT_EVENT_TTL_SECONDS,
    now: options.now ?? Date.now,
  };
  checkTtl(resolved.ttlSeconds);
  checkTtl(resolved.eventTtlSeconds);
  if (!Number.isInteger(resolved.historyLimit) || resolved.historyLimit < 0)
    throw new RangeError('historyLimit must be >= 0');
  if (!Number.isInteger(resolved.undoLimit) || resolved.undoLimit < 0)
    throw new RangeError('undoLimit must be >= 0');
  return resolved;
}

/** Redis EXPIRE takes whole seconds; a zero or fractional TTL is a caller bug, not a setting. */
export function checkTtl(ttlSeconds: number): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError(`TTL must be a positive whole number of seconds, got ${ttlSeconds}`);
  return ttlSeconds;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * DICOM Part 10 files carry the patient's name, id and birth date in their header; they must not
 * be kept in conversation state. The bot stores a de-identified encoding of the pixels instead.
 */
export function assertNotDicomFile(bytes: Uint8Array): void {
  if (
    bytes.length >= 132 &&
    bytes[128] === 0x44 && // D
    bytes[129] === 0x49 && // I
    bytes[130] === 0x43 && // C
    bytes[131] === 0x4d // M
  ) {
    throw new TypeError(
      'putBlob refuses DICOM Part 10 bytes: their header identifies the patient. Store de-identified pixels instead.',
    );
  }
}

// DICOM attributes that identify a patient or study, by keyword and by spoken name, compared with
// case and punctuation removed ("Patient's Name" → "patientsname").
const IDENTIFYING_ATTRIBUTES = new Set([
  'patientname',
  'patientsname',
  'patientid',
  'otherpatientids',
  'patientbirthdate',
  'patientsbirthdate',
  'patientaddress',
  'patientsaddress',
  'patienttelephonenumbers',
  'patientstelephonenumbers',
  'accessionnumber',
  'institutionname',
  'institutionaddress',
  'referringphysicianname',
  'referringphysiciansname',
  'performingphysicianname',
  'operatorsname',
  'studyinstanceuid',
  'seriesinstanceuid',
  'sopinstanceuid',
  'studyid',
]);
// A field named after a raw tag ("00100010", "x00100010", "(0010,0010)") is header data by definition.
const RAW_TAG = /^x?[0-9a-f]{8}$/;

/**
 * UIDs a DICOM SEG export must point back to. They are allowed only inside an `ActiveImage`'s
 * `dicomSource` (PS3.15 Basic Profile with the Retain UIDs option: no names, IDs or dates).
 */
const RETAINED_UIDS = new Set(['studyinstanceuid', 'seriesinstanceuid', 'sopinstanceuid']);

/** Throws when JSON about to be stored carries a DICOM identifying attribute as a field name. */
export function assertNoDicomIdentifiers(value: unknown, path = '$'): void {
  const inSegReference = /\.dicomSource(\.frames\[\d+\])?$/.test(path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      assertNoDicomIdentifiers(item, `${path}[${i}]`);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [field, child] of Object.entries(value)) {
    const normalised = field.toLowerCase().replace(/[^a-z0-9]/g, '');
    const retained = inSegReference && RETAINED_UIDS.has(normalised);
    if ((IDENTIFYING_ATTRIBUTES.has(normalised) && !retained) || RAW_TAG.test(normalised)) {
      throw new TypeError(`refusing to store DICOM identifying attribute ${path}.${field}`);
    }
    assertNoDicomIdentifiers(child, `${path}.${field}`);
  }
}

/** Bounds history and undo (oldest dropped), checks for identifiers, and serialises. */
export function serializeState(state: ConversationState, options: ResolvedStoreOptions): string {
  const bounded: ConversationState = {
    ...state,
    history: state.history.slice(Math.max(0, state.history.length - options.historyLimit)),
    undo: state.undo.slice(Math.max(0, state.undo.length - options.undoLimit)),
  };
  assertNoDicomIdentifiers(bounded);
  return JSON.stringify(bounded);
}

/** `undefined` for anything that is not a version-1 state (an old layout starts a fresh conversation). */
export function parseState(json: string | null | undefined): ConversationState | undefined {
  const value = parseJson(json);
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1)
    return undefined;
  return value as ConversationState;
}

export function serializePrefs(prefs: UserPrefs): string {
  assertNoDicomIdentifiers(prefs);
  return JSON.stringify(prefs);
}

export function parsePrefs(json: string | null | undefined): UserPrefs | undefined {
  const value = parseJson(json);
  return typeof value === 'object' && value !== null ? (value as UserPrefs) : undefined;
}

/** A value that is not JSON (written by something else, or cut short) reads as absent, not as an outage. */
function parseJson(json: string | null | undefined): unknown {
  if (json === null || json === undefined) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

const RESULT_MAGIC = 'OSR1';

/**
 * Segmentation result → bytes: "OSR1", u32 BE header length, JSON header, raw-deflated label map.
 * Label maps are long runs of a few values, so deflate at level 1 shrinks them 20-100× cheaply.
 */
export function encodeSegmentation(result: CachedSegmentation): Buffer {
  if (result.labels.length !== result.width * result.height) {
    throw new RangeError(`label map has ${result.labels.length} values for ${result.width}×${result.height}`);
  }
  if (result.details) assertNoDicomIdentifiers(result.details);
  const header = Buffer.from(
    JSON.stringify({ width: result.width, height: result.height, details: result.details ?? null }),
    'utf8',
  );
  const labels = deflateRawSync(result.labels, { level: 1 });
  const prefix = Buffer.alloc(8);
  prefix.write(RESULT_MAGIC, 0, 'ascii');
  prefix.writeUInt32BE(header.length, 4);
  return Buffer.concat([prefix, header, labels]);
}

export function decodeSegmentation(bytes: Uint8Array): CachedSegmentation | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8 || buffer.toString('ascii', 0, 4) !== RESULT_MAGIC) return undefined;
  const headerLength = buffer.readUInt32BE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as {
    width: number;
    height: number;
    details: JsonObject | null;
  };
  const inflated = inflateRawSync(buffer.subarray(8 + headerLength));
  const labels = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  if (labels.length !== header.width * header.height) return undefined;
  return {
    width: header.width,
    height: header.height,
    labels,
    ...(header.details ? { details: header.details } : {}),
  };
}

export function checkNewRound(round: NewQuizRound): void {
  if (round.roundId === '') throw new RangeError('roundId must not be empty');
  if (!isAnswerLetter(round.correct)) throw new RangeError(`not an answer letter: ${round.correct}`);
  if (round.data) assertNoDicomIdentifiers(round.data);
}

/** The JSON kept for a round beside the fields the grading script reads. */
export function serializeRound(round: NewQuizRound): string {
  return JSON.stringify({ data: round.data ?? null, startedAt: round.startedAt });
}

export function parseRound(id: string, correct: string, open: string, json: string): QuizRound {
  const rest = JSON.parse(json) as { data: JsonObject | null; startedAt: number };
  return {
    roundId: id,
    correct: correct as QuizRound['correct'],
    open: open === '1',
    startedAt: rest.startedAt,
    ...(rest.data ? { data: rest.data } : {}),
  };
}

/** Fixed windows aligned to multiples of the window length since the epoch. */
export function rateWindow(
  nowMs: number,
  windowSeconds: number,
): { index: number; retryAfterSeconds: number } {
  checkTtl(windowSeconds);
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil(((index + 1) * windowMs - nowMs) / 1000));
  return { index, retryAfterSeconds };
}

export function rateDecision(
  rule: RateLimitRule,
  count: number,
  retryAfterSeconds: number,
): RateLimitDecision {
  return {
    allowed: count <= rule.limit,
    count,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds,
  };
}
