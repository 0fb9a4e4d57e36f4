/**
 * `organ-seg chat`: the bot on stdin/stdout, one line a turn. `/upload PATH` sends a file, any other
 * line is a message. With `--json` each reply is one JSON line carrying the keys of
 * `organ-seg ask --json`; overlays are written as PNG files next to the working directory.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConversationKey, InboundMessage, Reply } from '../../bot/types.js';
import type { Runtime } from '../../runtime.js';

export interface ChatOptions {
  image?: string;
  json?: boolean;
  /** Conversation name, so a restarted chat with Redis continues the same conversation (default "default"). */
  session: string;
  /** Where overlays and exports are written (default: the working directory). */
  outDir: string;
}

/** Turns one input line into a message (pure; tested). */
export function lineToMessage(
  line: string,
  key: ConversationKey,
  user: string,
  file?: { name: string; bytes: Uint8Array },
): InboundMessage {
  const text = line.startsWith('/upload ') ? '' : line;
  return {
    conversation: key,
    user: { id: user, name: user },
    text,
    attachments: file ? [{ name: file.name, bytes: file.bytes }] : [],
  };
}

/** The JSON line for a reply: the `ask --json` keys first, then what else the reply carries. */
export function replyToJson(
  reply: Reply,
  overlayPath: string | null,
  files: string[],
): Record<string, unknown> {
  const answer = reply.answer;
  return {
    kind: reply.kind,
    letters: answer?.letters ?? [],
    names: answer?.names ?? [],
    noneOfThem: answer?.noneOfThem ?? false,
    explanation: answer?.explanation ?? '',
    organs: answer?.organs ?? [],
    overlay: overlayPath,
    text: reply.text,
    ...(reply.image ? { altText: reply.image.altText } : {}),
    ...(reply.buttons ? { buttons: reply.buttons.map((b) => b.textEquivalent) } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(reply.slice ? { slice: reply.slice } : {}),
    ...(reply.errorCode ? { error: reply.errorCode } : {}),
  };
}

export async function runChat(runtime: Runtime, options: ChatOptions): Promise<void> {
  const key: ConversationKey = {
    platform: 'cli',
    workspace: hostname(),
    channel: 'terminal',
    thread: options.session,
  };
  const user = userInfo().username || 'user';
  let turn = 0;
  const say = async (replies: Reply[]) => {
    for (const reply of replies) {
      turn++;
      let overlayPath: string | null = null;
      if (reply.image) {
        overlayPath = join(options.outDir, `overlay-${turn}.png`);
        await writeFile(overlayPath, reply.image.png);
      }
      const files: string[] = [];
      for (const file of reply.files ?? []) {
        const path = join(options.outDir, file.name);
        await writeFile(path, file.bytes);
        files.push(path);
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(replyToJson(reply, overlayPath, files))}\n`);
      } else {
        process.stdout.write(`${reply.text.replace(/\*/g, '')}\n`);
        if (overlayPath) process.stdout.write(`[image: ${overlayPath} — ${reply.image?.altText}]\n`);
        for (const path of files) process.stdout.write(`[file: ${path}]\n`);
        if (reply.buttons)
          process.stdout.write(`[reply with: ${reply.buttons.map((b) => b.textEquivalent).join(' / ')}]\n`);
      }
    }
  };
  const progress = options.json ? undefined : (note: string) => process.stderr.write(`… ${note}\n`);
  const send = async (line: string) => {
    let file: { name: string; bytes: Uint8Array } | undefined;
    if (line.startsWith('/upload ')) {
      const path = line.slice('/upload '.length).trim();
      try {
        file = { name: basename(path), bytes: await readFile(path) };
      } catch {
        await say([
          { kind: 'error', text: `Cannot read ${path}: check the path.`, errorCode: 'input_not_found' },
        ]);
        return;
      }
    }
    await say(await runtime.bot.handle(lineToMessage(line, key, user, file), progress));
  };
  runtime.bot.setDeliver('cli', async (_key, reply) => say([reply]));
  if (!options.json)
    process.stderr.write(
      `${runtime.describe.join('\n')}\nType a question, /upload PATH, help, or Ctrl-D to quit.\n`,
    );
  if (options.image) await send(`/upload ${options.image}`);
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    await send(line);
  }
}
