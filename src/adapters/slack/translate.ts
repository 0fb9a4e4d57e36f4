/**
 * Pure translation between Slack payloads and the bot's contract: events, slash commands and button
 * presses become one `InboundMessage`; a `Reply` becomes Block Kit blocks plus `files.uploadV2`
 * parameters. Nothing here does I/O, so every rule is covered by fixture tests with real payload
 * shapes (`test/slack-translate.test.ts`).
 */
import type { types as slackTypes } from '@slack/bolt';
import type { ConversationKey, InboundAction, InboundMessage, Reply, ReplyButton } from '../../bot/types.js';

type KnownBlock = slackTypes.KnownBlock;
type Button = slackTypes.Button;
type HomeView = slackTypes.HomeView;

/** The slash commands the manifest registers. */
export const SLASH_COMMANDS = ['/organ-seg', '/organ-quiz'] as const;
export type SlashCommandName = (typeof SLASH_COMMANDS)[number];

/** A file as it appears in `message` / `app_mention` events and in `files.info`. */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** `check_file_info` (Slack Connect): the event carries no URL, ask `files.info`. */
  file_access?: string;
  mode?: string;
}

/** The fields of a `message` or `app_mention` event the adapter reads. */
export interface SlackMessageEvent {
  type: 'message' | 'app_mention';
  subtype?: string;
  channel: string;
  /** `im` for DMs, `channel` / `group` / `mpim` otherwise; absent on `app_mention`. */
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
  files?: SlackFile[];
}

/** A slash command payload (form fields Slack posts). */
export interface SlackSlashCommand {
  command: string;
  text: string;
  team_id: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  trigger_id: string;
  response_url: string;
}

/** A `block_actions` payload with one button press. */
export interface SlackBlockActions {
  type: 'block_actions';
  user: { id: string; name?: string; username?: string; team_id?: string };
  team?: { id: string } | null;
  container?: { type: string; message_ts?: string; channel_id?: string; thread_ts?: string };
  channel?: { id: string };
  message?: { ts: string; thread_ts?: string };
  actions: Array<{ action_id: string; value?: string; action_ts?: string; type: string }>;
}

/** What an event needs before it can go to the bot: files still to download. */
export interface PendingInbound {
  message: InboundMessage;
  files: SlackFile[];
}

/** Message subtypes a person produces; edits, joins, bot posts and deletions are ignored. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Whether a `message` / `app_mention` event is something a person said that the bot should read. */
export function isUserMessage(event: SlackMessageEvent): boolean {
  return USER_SUBTYPES.has(event.subtype) && event.user !== undefined && event.bot_id === undefined;
}

export function isDirectMessage(event: SlackMessageEvent): boolean {
  return event.channel_type === 'im';
}

/** `<@U123>` and `<@U123|name>` for the bot's own user id. */
export function mentionsBot(text: string | undefined, botUserId: string | undefined): boolean {
  if (!text || !botUserId) return false;
  return new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`).test(text);
}

/**
 * Removes the bot's mention and turns Slack's escaped entities back into what the user typed, so
 * the bot reads "which organ is D?" rather than "<@U0BOT> which organ is D?".
 */
export function stripBotMention(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
  // Other mentions and links keep their readable part: <@U1|ana> → @ana, <https://x|x> → x.
  out = out.replace(/<([@#!]?)[^>|]+\|([^>]+)>/g, (_m, sigil: string, label: string) => `${sigil}${label}`);
  out = out.replace(/<(https?:[^>]+)>/g, '$1');
  out = out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Where a message's conversation lives. Channel messages are answered in a thread (the thread they
 * are in, or a new one under the message itself); DMs are one conversation unless the user threads.
 */
export function conversationOfMessage(teamId: string, event: SlackMessageEvent): ConversationKey {
  const thread = isDirectMessage(event) ? event.thread_ts : (event.thread_ts ?? event.ts);
  return { platform: 'slack', workspace: teamId, channel: event.channel, thread };
}

/**
 * One id per posted message, shared by its `message` and `app_mention` deliveries, so the bot's
 * `claimEvent` answers a message once whichever arrives first (and retries of either).
 */
export function messageEventId(teamId: string, channel: string, ts: string): string {
  return `slack:${teamId}:${channel}:${ts}`;
}

export function inboundFromMessage(
  teamId: string,
  event: SlackMessageEvent,
  botUserId: string | undefined,
): PendingInbound {
  return {
    message: {
      conversation: conversationOfMessage(teamId, event),
      user: { id: event.user ?? 'unknown' },
      text: stripBotMention(event.text ?? '', botUserId),
      attachments: [],
      eventId: messageEventId(teamId, event.channel, event.ts),
      fromCommand: event.type === 'app_mention' ? 'app_mention' : undefined,
    },
    files: (event.files ?? []).filter((f) => f.mode !== 'tombstone' && f.mode !== 'external'),
  };
}

/**
 * `/organ-seg <text>` passes the text through ("help", "forget", a question); `/organ-quiz <args>`
 * becomes "quiz <args>" so the bot's one text parser handles both. Slash commands have no thread:
 * the conversation is the channel itself.
 */
export function inboundFromSlashCommand(command: SlackSlashCommand): InboundMessage {
  const args = stripBotMention(command.text ?? '');
  const text = command.command === '/organ-quiz' ? `quiz ${args}`.trim() : args || 'help';
  return {
    conversation: { platform: 'slack', workspace: command.team_id, channel: command.channel_id },
    user: { id: command.user_id, name: command.user_name },
    text,
    attachments: [],
    eventId: `slack:${command.team_id}:command:${command.trigger_id}`,
    fromCommand: command.command,
  };
}

/**
 * Buttons carry `action_id = "<action>#<n>"`: Slack rejects two elements with the same action_id in
 * one message, and a quiz has fourteen "quiz-answer" buttons. The part before '#' is the action.
 */
export function buttonActionId(action: string, index: number): string {
  return `${action}#${index}`.slice(0, 255);
}

export function actionFromActionId(actionId: string): string {
  const hash = actionId.lastIndexOf('#');
  return hash > 0 ? actionId.slice(0, hash) : actionId;
}

/** The button press, in the conversation of the message that carries the button. */
export function inboundFromBlockAction(body: SlackBlockActions): InboundMessage | undefined {
  const pressed = body.actions[0];
  const channel = body.container?.channel_id ?? body.channel?.id;
  if (pressed?.type !== 'button' || !channel) return undefined;
  const teamId = body.team?.id ?? body.user.team_id ?? 'unknown';
  const thread = body.container?.thread_ts ?? body.message?.thread_ts;
  const action: InboundAction = { action: actionFromActionId(pressed.action_id), value: pressed.value ?? '' };
  const messageTs = body.container?.message_ts ?? body.message?.ts ?? 'unknown';
  return {
    conversation: { platform: 'slack', workspace: teamId, channel, thread },
    user: { id: body.user.id, name: body.user.username ?? body.user.name },
    text: '',
    attachments: [],
    action,
    eventId: `slack:${teamId}:action:${messageTs}:${body.user.id}:${pressed.action_ts ?? pressed.action_id}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Reply → Slack

/** Slack's limits (Block Kit reference): section text 3000, button text 75, 25 elements a block. */
const SECTION_TEXT_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const ACCESSIBILITY_LABEL_MAX = 75;
const BUTTONS_PER_BLOCK = 25;
const BLOCKS_MAX = 50;
const ALT_TEXT_MAX = 1000;
const FALLBACK_TEXT_MAX = 3900;

/** Escapes the three characters Slack's mrkdwn reserves for links and mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The bot's light Markdown → Slack mrkdwn: `**bold**` → `*bold*`, `[label](url)` → `<url|label>`,
 * headings → bold lines, `- item` → `• item`. `*bold*`, `_italic_` and `` `code` `` already agree.
 */
export function toMrkdwn(markdown: string): string {
  const links: string[] = [];
  // Links first, so their URL is not escaped into `&lt;`.
  let text = markdown.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => {
    links.push(`<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  text = escapeMrkdwn(text)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/__([^_\n]+)__/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-+]\s+/gm, '$1• ');
  return text.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)] ?? '');
}

/** Splits long text at paragraph, then line, then hard boundaries so each piece fits a section. */
export function splitForSections(text: string, max = SECTION_TEXT_MAX): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function section(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] };
}

function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

/** The answer as blocks: the letter(s) and organ(s), the explanation, the confidence per organ. */
function answerBlocks(reply: Reply): KnownBlock[] {
  const answer = reply.answer;
  if (!answer) return [];
  const pairs = answer.letters.map((letter, i) => `*${letter} — ${escapeMrkdwn(answer.names[i] ?? '')}*`);
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: Answer: ${pairs.join(', ') || '*N — None of them*'}`),
  ];
  for (const piece of splitForSections(toMrkdwn(answer.explanation))) blocks.push(section(piece));
  const facts = answer.organs.map((o) => {
    const area = o.areaCm2 !== undefined ? `, ${o.areaCm2.toFixed(1)} cm²` : '';
    return `${o.letter} ${escapeMrkdwn(o.name)}: confidence ${percent(o.confidence)}${area}`;
  });
  if (reply.slice) facts.push(`slice ${reply.slice.index + 1} of ${reply.slice.count}`);
  if (facts.length > 0) blocks.push(context(facts.join(' · ')));
  return blocks;
}

/**
 * Buttons in rows of at most 25, each with a screen-reader label that names its typed equivalent.
 * `typedPrefix` is what must precede the typed answer to reach the bot where it is posted (see
 * `typedPrefixFor`).
 */
export function buttonBlocks(buttons: readonly ReplyButton[], typedPrefix = ''): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_BLOCK) {
    const elements: Button[] = buttons.slice(start, start + BUTTONS_PER_BLOCK).map((b, i) => {
      const element: Button = {
        type: 'button',
        action_id: buttonActionId(b.action, start + i),
        text: { type: 'plain_text', text: truncate(b.label, BUTTON_TEXT_MAX), emoji: true },
        value: b.value.slice(0, 2000),
        accessibility_label: truncate(
          `${b.label} (or type "${typedPrefix}${b.textEquivalent}")`,
          ACCESSIBILITY_LABEL_MAX,
        ),
      };
      if (b.style) element.style = b.style;
      return element;
    });
    blocks.push({ type: 'actions', block_id: `buttons-${start / BUTTONS_PER_BLOCK}`, elements });
  }
  // The text equivalent, visible to everyone: keyboard users, screen readers, clients without buttons.
  const typed = buttons.map((b) => `\`${escapeMrkdwn(`${typedPrefix}${b.textEquivalent}`)}\``).join(' · ');
  if (buttons.length > 0) blocks.push(context(`No buttons? Type ${typed}`));
  return blocks;
}

export interface SlackMessagePayload {
  /** Notification and screen-reader fallback: the reply's plain text. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * In a DM or a thread the bot follows, a plain message reaches it; at the top level of a channel
 * only a slash command does (a mention there starts a new thread, a new conversation), so typed
 * equivalents are written as `/organ-seg D`.
 */
export function typedPrefixFor(target: SlackTarget): string {
  const directMessage = target.channel.startsWith('D');
  return directMessage || target.threadTs ? '' : '/organ-seg ';
}

/** A reply's text, answer and buttons as one Block Kit message. */
export function replyToMessage(reply: Reply, typedPrefix = ''): SlackMessagePayload {
  const blocks: KnownBlock[] = [];
  if (reply.answer) {
    blocks.push(...answerBlocks(reply));
  } else {
    const prefix = reply.kind === 'error' ? ':warning: ' : '';
    for (const [i, piece] of splitForSections(toMrkdwn(reply.text)).entries()) {
      blocks.push(section(i === 0 ? `${prefix}${piece}` : piece));
    }
    if (reply.slice && reply.kind !== 'error') {
      blocks.push(context(`slice ${reply.slice.index + 1} of ${reply.slice.count}`));
    }
  }
  if (reply.buttons && reply.buttons.length > 0) blocks.push(...buttonBlocks(reply.buttons, typedPrefix));
  const fallback = reply.text.trim() !== '' ? reply.text : (reply.answer?.explanation ?? '');
  return { text: truncate(fallback, FALLBACK_TEXT_MAX), blocks: blocks.slice(0, BLOCKS_MAX) };
}

/** Where a reply goes: the channel and, for threaded conversations, the thread. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
}

export function targetOf(conversation: ConversationKey): SlackTarget {
  return { channel: conversation.channel, threadTs: conversation.thread };
}

/** Parameters for `client.files.uploadV2` (one file, in the conversation's thread). */
export interface SlackUpload {
  channel_id: string;
  thread_ts?: string;
  file: Buffer;
  filename: string;
  title: string;
  alt_text?: string;
  initial_comment?: string;
}

/** The overlay PNG, with its alt text (Slack caps alt text at 1000 characters). */
export function imageUpload(reply: Reply, target: SlackTarget): SlackUpload | undefined {
  if (!reply.image) return undefined;
  const upload: SlackUpload = {
    channel_id: target.channel,
    file: reply.image.png,
    filename: reply.image.fileName,
    title: reply.image.fileName,
    alt_text: truncate(reply.image.altText, ALT_TEXT_MAX),
  };
  if (target.threadTs) upload.thread_ts = target.threadTs;
  return upload;
}

/** Exported files (masks, label maps), each with its one-line description as the comment. */
export function fileUploads(reply: Reply, target: SlackTarget): SlackUpload[] {
  return (reply.files ?? []).map((f) => {
    const upload: SlackUpload = {
      channel_id: target.channel,
      file: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
      filename: f.name,
      title: f.name,
      initial_comment: f.description,
    };
    if (target.threadTs) upload.thread_ts = target.threadTs;
    return upload;
  });
}

/** Everything one reply becomes, in posting order. */
export interface SlackReplyPlan {
  message: SlackMessagePayload;
  image?: SlackUpload;
  files: SlackUpload[];
  /** A quiz shows its picture before the question and buttons; an answer explains, then shows. */
  imageFirst: boolean;
}

export function planReply(reply: Reply, target: SlackTarget): SlackReplyPlan {
  return {
    message: replyToMessage(reply, typedPrefixFor(target)),
    image: imageUpload(reply, target),
    files: fileUploads(reply, target),
    imageFirst: reply.kind === 'quiz',
  };
}

// ---------------------------------------------------------------------------------------------
// App Home

/** The App Home tab: a short how-to, with every command written out. */
export function homeView(): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Organ-Seg Bot' } },
      section(
        'I answer multiple-choice questions about 13 abdominal organs on CT and MRI slices and outline them on the image.',
      ),
      { type: 'divider' },
      section(
        [
          '*1. Send me a slice.* Upload a PNG, JPEG, DICOM (a file or a .zip of one series) or NIfTI file in a DM, ' +
            'or in a channel I am in, with your question, e.g. _Which organ is this: A liver … M left kidney?_',
          '*2. Ask follow-ups in the thread.* _show the pancreas_, _outline only_, _next slice_, _undo_. ' +
            'In a channel, mention me (@Organ-Seg) in a thread I have not answered yet.',
          '*3. Quiz your team.* `/organ-quiz` posts a question with answer buttons; you can also type the letter.',
          '*4. Anything else.* `/organ-seg help` lists every command; `forget` erases what I remember about the conversation.',
        ].join('\n\n'),
      ),
      context(
        'For teaching and research only, not for diagnosis. Files up to the size limit are processed and not kept longer than 24 h.',
      ),
    ],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
