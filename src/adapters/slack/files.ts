/**
 * Downloads files users share with the bot. Slack serves them only with the bot token
 * (`Authorization: Bearer xoxb-…`, scope `files:read`); the token is sent to Slack's own hosts (or
 * the configured API server in tests) and nowhere else. Size and type are checked from the event
 * before a byte is fetched, and the size again while streaming, since the declared size can lie.
 */

import type { InboundAttachment } from '../../bot/types.js';
import { ErrorCode, InputError } from '../../errors.js';
import type { SlackFile } from './translate.js';

const MiB = 1024 * 1024;

/** Extensions the pipeline reads whatever Slack guesses their type to be (DICOM often has none). */
const MEDICAL_EXTENSIONS = /\.(dcm|dicom|ima|nii|nii\.gz|zip|png|jpe?g|webp|gif|tiff?)$/i;

/** Declared types that may hold a slice or volume; the bot sniffs the bytes and decides. */
const ACCEPTED_TYPES = new Set([
  'application/dicom',
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/x-nifti',
  'binary',
]);

function displayName(file: SlackFile): string {
  return file.name ?? file.title ?? 'the file';
}

export function formatBytes(bytes: number): string {
  if (bytes < MiB) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return bytes >= 10 * MiB ? `${Math.round(bytes / MiB)} MB` : `${(bytes / MiB).toFixed(1)} MB`;
}

export function tooLargeError(file: SlackFile, size: number, maxBytes: number): InputError {
  return new InputError(
    ErrorCode.InputTooLarge,
    `"${displayName(file)}" is ${formatBytes(size)}; I can read files up to ${formatBytes(maxBytes)}. ` +
      'Send a single slice (PNG or one DICOM file) or a smaller .nii.gz instead.',
  );
}

/**
 * Refuses, before downloading, what cannot be a medical image or is over the size limit. Returns
 * the coded error to reply with, or undefined when the file may be fetched.
 */
export function checkSlackFile(file: SlackFile, maxBytes: number): InputError | undefined {
  if (file.size !== undefined && file.size > maxBytes) return tooLargeError(file, file.size, maxBytes);
  const type = (file.mimetype ?? '').toLowerCase();
  const byName = MEDICAL_EXTENSIONS.test(file.name ?? '');
  const byType = (type.startsWith('image/') && type !== 'image/svg+xml') || ACCEPTED_TYPES.has(type);
  if (byName || byType || type === '') return undefined;
  return new InputError(
    ErrorCode.InputUnsupportedFormat,
    `I can't read "${displayName(file)}" (${type}). Send a CT or MRI slice as PNG, JPEG or WebP, ` +
      'a DICOM file (or a .zip of one series), or a NIfTI volume (.nii or .nii.gz).',
  );
}

/** Slack's file hosts, or the configured API server's origin (tests, proxies). */
export function isTrustedFileUrl(url: string, apiUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (apiUrl && parsed.origin === new URL(apiUrl).origin) return true;
  return (
    parsed.protocol === 'https:' &&
    (parsed.hostname === 'slack.com' || parsed.hostname.endsWith('.slack.com'))
  );
}

export interface DownloadOptions {
  botToken: string;
  maxBytes: number;
  /** The configured Web API base URL; its origin is trusted with the token as well. */
  apiUrl?: string;
  fetch?: typeof fetch;
  /** Abort a download that takes longer than this, in ms (default 60 s). */
  timeoutMs?: number;
}

function downloadFailed(file: SlackFile, detail: string): InputError {
  return new InputError(
    ErrorCode.InputNotFound,
    `I couldn't download "${displayName(file)}" from Slack. Please upload it again; if this keeps ` +
      'happening, ask a workspace admin to check that the app has the files:read scope.',
    { detail },
  );
}

/** Fetches one checked file with the bot token, streaming and stopping at the size limit. */
export async function downloadSlackFile(
  file: SlackFile,
  options: DownloadOptions,
): Promise<InboundAttachment> {
  const refusal = checkSlackFile(file, options.maxBytes);
  if (refusal) throw refusal;
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw downloadFailed(file, 'no download URL');
  if (!isTrustedFileUrl(url, options.apiUrl)) throw downloadFailed(file, 'download URL is not a Slack host');
  const fetchFn = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(url, {
      headers: { Authorization: `Bearer ${options.botToken}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw downloadFailed(file, error instanceof Error ? error.message : String(error));
  }
  const contentType = response.headers.get('content-type') ?? '';
  // Without a valid token Slack answers 200 with its HTML sign-in page, not 401.
  if (!response.ok || contentType.startsWith('text/html')) {
    await response.body?.cancel();
    throw downloadFailed(file, `HTTP ${response.status} ${contentType}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLargeError(file, declared, options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (!reader) throw downloadFailed(file, 'empty response body');
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > options.maxBytes) {
      await reader.cancel();
      throw tooLargeError(file, received, options.maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { name: displayName(file), contentType: file.mimetype, bytes };
}
