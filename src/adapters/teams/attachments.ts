/**
 * Downloads the files a Teams user sent. Inline images live on the Bot Framework service and need
 * the bot's connector token; files attached in a 1:1 chat come with a pre-signed `downloadUrl` and
 * get no token. Every download is size-limited while it streams, so a huge file is refused without
 * being buffered.
 */
import type { InboundAttachment } from '../../bot/types.js';
import { ErrorCode, InputError } from '../../errors.js';
import type { AttachmentSource } from './translate.js';

export interface DownloadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Gives up on a download after this many milliseconds. */
  timeoutMs: number;
  /** The bot's connector token, fetched only when an attachment needs it. */
  botToken: () => Promise<string | undefined>;
  fetch: typeof globalThis.fetch;
}

function megabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / (1024 * 1024)))} MB`;
}

function tooLarge(name: string, maxBytes: number): InputError {
  return new InputError(
    ErrorCode.InputTooLarge,
    `"${name}" is larger than the ${megabytes(maxBytes)} I can take. Send a single slice as PNG or JPEG, or a smaller DICOM or NIfTI file.`,
  );
}

function unreachable(name: string, detail: string, cause?: unknown): InputError {
  return new InputError(
    ErrorCode.InputNotFound,
    `I couldn't download "${name}" from Teams. Please send it again; if it still fails, attach the file instead of pasting it (or the other way round).`,
    { detail, cause },
  );
}

/** Turns a source Teams cannot give us into the friendly error the user sees. */
export function unsupportedAttachmentError(
  source: Extract<AttachmentSource, { kind: 'unsupported' }>,
): InputError {
  if (source.reason === 'sharepoint-reference') {
    return new InputError(
      ErrorCode.InputUnsupportedFormat,
      `I can't open "${source.name}" because it is stored in the channel's SharePoint folder. Paste the image straight into your message, or send the file to me in a 1:1 chat.`,
    );
  }
  return unreachable(source.name, 'attachment URL is not http(s)');
}

export async function downloadAttachment(
  source: Extract<AttachmentSource, { kind: 'download' }>,
  options: DownloadOptions,
): Promise<InboundAttachment> {
  const headers: Record<string, string> = {};
  if (source.withBotToken) {
    const token = await options.botToken();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await options.fetch(source.url, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw unreachable(source.name, 'request failed', error);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw unreachable(source.name, `HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(source.name, options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(source.name, options.maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreachable(source.name, 'download interrupted', error);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const contentType = source.contentType ?? response.headers.get('content-type')?.split(';')[0]?.trim();
  return { name: source.name, ...(contentType ? { contentType } : {}), bytes };
}
