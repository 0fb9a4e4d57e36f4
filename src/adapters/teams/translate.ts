/**
 * Pure translation between Teams Activities (Bot Framework / Microsoft 365 Agents wire format) and
 * the bot's `InboundMessage` / `Reply`. No I/O here: downloads, tokens and sending live in
 * `adapter.ts` and `attachments.ts`, so every rule below is tested with plain JSON fixtures.
 */
import type { ConversationKey, InboundAction, InboundMessage, Reply, ReplyButton } from '../../bot/types.js';

/** The subset of a Teams channel account the adapter reads. */
export interface TeamsAccount {
  id: string;
  name?: string;
  /** The user's Entra object id; stable across chats, unlike `id`. */
  aadObjectId?: string;
  role?: string;
}

export interface TeamsAttachment {
  contentType: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
}

export interface TeamsEntity {
  type: string;
  mentioned?: TeamsAccount;
  /** For mentions: the exact markup in `text`, e.g. `<at>Organ Seg</at>`. */
  text?: string;
}

/** The fields of an incoming Activity this adapter reads (a structural subset of the SDK's `Activity`). */
export interface TeamsActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  serviceUrl?: string;
  channelId?: string;
  from?: TeamsAccount;
  recipient?: TeamsAccount;
  conversation?: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  replyToId?: string;
  attachments?: TeamsAttachment[];
  entities?: TeamsEntity[];
  membersAdded?: TeamsAccount[];
  value?: unknown;
  channelData?: unknown;
}

/** Where to fetch one file the user sent, decided before any network call. */
export type AttachmentSource =
  | {
      kind: 'download';
      name: string;
      contentType?: string;
      url: string;
      /** Teams-hosted inline images need the bot's own token; pre-signed file URLs must not get it. */
      withBotToken: boolean;
    }
  | {
      kind: 'unsupported';
      name: string;
      /** Why it cannot be fetched; turned into a friendly reply by the adapter. */
      reason: 'sharepoint-reference' | 'not-http';
    };

export type InboundDecision =
  | { kind: 'ignore'; reason: string }
  | {
      kind: 'message';
      /** Everything but the attachment bytes, which the adapter downloads from `attachments`. */
      message: Omit<InboundMessage, 'attachments'>;
      attachments: AttachmentSource[];
      /** An Action.Execute invoke: Teams waits for an invoke response before the replies arrive. */
      isInvoke: boolean;
    };

/** Teams' content type for a file a user attached in a 1:1 chat (carries a pre-signed `downloadUrl`). */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Hosts that serve Teams inline images behind the bot's connector token. The token is sent to these
 * and to the conversation's own `serviceUrl` host only, so a crafted `contentUrl` cannot collect it.
 */
const BOT_TOKEN_HOST_SUFFIXES = [
  'smba.trafficmanager.net',
  'botframework.com',
  'botframework.us',
  'teams.microsoft.com',
  'teams.microsoft.us',
];

export function conversationType(activity: TeamsActivity): 'personal' | 'groupChat' | 'channel' {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  if (type === 'personal') return 'personal';
  // Older payloads and other channels only say `isGroup`.
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

function tenantOf(activity: TeamsActivity): string {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenant =
    activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
  return tenant ?? 'no-tenant';
}

/**
 * Maps an activity to the conversation it belongs to. In a channel Teams appends
 * `;messageid=<root post id>` to the conversation id for every message of a reply chain, so the
 * chain (not the whole channel) is one conversation: `channel` is the bare channel id and `thread`
 * the root post. A new top-level post is the root of its own chain.
 */
export function conversationKeyOf(activity: TeamsActivity): ConversationKey {
  const rawId = activity.conversation?.id ?? '';
  const [channelId, ...params] = rawId.split(';');
  const messageIdParam = params.find((p) => p.startsWith('messageid='));
  const key: ConversationKey = {
    platform: 'teams',
    workspace: tenantOf(activity),
    channel: channelId ?? rawId,
  };
  if (conversationType(activity) === 'channel') {
    const thread = messageIdParam?.slice('messageid='.length) || activity.replyToId || activity.id;
    if (thread) key.thread = thread;
  }
  return key;
}

/** True when one of the activity's mention entities names the bot (its `recipient`). */
export function mentionsBot(activity: TeamsActivity): boolean {
  const botId = activity.recipient?.id;
  if (!botId) return false;
  return (activity.entities ?? []).some(
    (e) => e.type?.toLowerCase() === 'mention' && e.mentioned?.id === botId,
  );
}

const HTML_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/**
 * Removes the bot's `<at>…</at>` mention, keeps other people's names as plain words, and decodes
 * the few HTML entities Teams puts in message text (`&nbsp;` after a mention, `&amp;`).
 */
export function textWithoutBotMention(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type?.toLowerCase() === 'mention' && entity.mentioned?.id === botId && entity.text) {
      text = text.split(entity.text).join(' ');
    }
  }
  const botName = activity.recipient?.name;
  if (botName) text = text.split(`<at>${botName}</at>`).join(' ');
  text = text.replace(/<at>(.*?)<\/at>/gi, '$1').replace(/<[^>]+>/g, ' ');
  text = text.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_, name: string) => HTML_ENTITIES[name] ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Reads `{action, value}` from the data of a pressed Action.Submit or Action.Execute button. */
export function actionOf(activity: TeamsActivity): InboundAction | undefined {
  let data = activity.value as Record<string, unknown> | undefined;
  if (activity.type === 'invoke') {
    // Action.Execute: value = { action: { type: 'Action.Execute', verb, data }, trigger }.
    const execute = (data?.action ?? undefined) as { verb?: unknown; data?: unknown } | undefined;
    data = (execute?.data as Record<string, unknown> | undefined) ?? { action: execute?.verb };
  }
  if (!data || typeof data !== 'object') return undefined;
  const action = stringValue(data.action);
  if (!action) return undefined;
  return { action, value: stringValue(data.value) ?? '' };
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether the bot's token may be attached when fetching `url` for a conversation at `serviceUrl`. */
export function mayCarryBotToken(url: string, serviceUrl: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (serviceUrl) {
    try {
      if (new URL(serviceUrl).hostname.toLowerCase() === host) return true;
    } catch {
      // A malformed serviceUrl trusts nothing extra.
    }
  }
  return BOT_TOKEN_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

function extensionFor(contentType: string | undefined): string {
  const subtype = contentType?.split('/')[1]?.split(/[;+]/)[0];
  return subtype && subtype !== '*' ? `.${subtype}` : '';
}

/**
 * Lists the files to download. Teams sends, besides the real files, a `text/html` copy of the
 * message and Adaptive Cards the user forwarded; both are skipped.
 */
export function attachmentSourcesOf(activity: TeamsActivity): AttachmentSource[] {
  const sources: AttachmentSource[] = [];
  (activity.attachments ?? []).forEach((attachment, index) => {
    const contentType = attachment.contentType ?? '';
    if (contentType.startsWith('text/html') || contentType.startsWith('application/vnd.microsoft.card.'))
      return;
    const fallbackName = `attachment-${index + 1}${extensionFor(contentType)}`;
    if (contentType === TEAMS_FILE_DOWNLOAD_INFO) {
      const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
      const url = typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined;
      const name = attachment.name ?? fallbackName;
      if (!url || !isHttpUrl(url)) sources.push({ kind: 'unsupported', name, reason: 'not-http' });
      // The download URL is pre-authorised; it must never receive the bot's token.
      else sources.push({ kind: 'download', name, url, withBotToken: false });
      return;
    }
    if (contentType === 'reference') {
      sources.push({
        kind: 'unsupported',
        name: attachment.name ?? fallbackName,
        reason: 'sharepoint-reference',
      });
      return;
    }
    const url = attachment.contentUrl;
    if (!url) return;
    const name = attachment.name ?? fallbackName;
    if (!isHttpUrl(url)) {
      sources.push({ kind: 'unsupported', name, reason: 'not-http' });
      return;
    }
    sources.push({
      kind: 'download',
      name,
      contentType: contentType === 'image/*' ? undefined : contentType || undefined,
      url,
      withBotToken: mayCarryBotToken(url, activity.serviceUrl),
    });
  });
  return sources;
}

/**
 * Decides whether the bot should answer this activity and, if so, what it says. In group chats and
 * channels the bot only acts when mentioned, or when someone presses one of its buttons (Teams does
 * not add a mention to a card submit).
 */
export function inboundFromActivity(activity: TeamsActivity): InboundDecision {
  const isInvoke = activity.type === 'invoke';
  if (isInvoke && activity.name !== 'adaptiveCard/action')
    return { kind: 'ignore', reason: `invoke ${activity.name ?? ''}` };
  if (activity.type === 'conversationUpdate') return welcomeOf(activity);
  if (activity.type !== 'message' && !isInvoke)
    return { kind: 'ignore', reason: `activity type ${activity.type}` };
  if (!activity.conversation?.id) return { kind: 'ignore', reason: 'no conversation id' };
  if (activity.from?.id && activity.from.id === activity.recipient?.id)
    return { kind: 'ignore', reason: 'own message' };

  const action = actionOf(activity);
  const scope = conversationType(activity);
  const mentioned = mentionsBot(activity);
  if (scope !== 'personal' && !mentioned && !action) return { kind: 'ignore', reason: 'not mentioned' };

  const text = textWithoutBotMention(activity);
  const attachments = attachmentSourcesOf(activity);
  if (!text && attachments.length === 0 && !action) return { kind: 'ignore', reason: 'empty message' };

  const message: Omit<InboundMessage, 'attachments'> = {
    conversation: conversationKeyOf(activity),
    user: { id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown', name: activity.from?.name },
    text,
  };
  if (action) message.action = action;
  if (activity.id) message.eventId = activity.id;
  if (scope !== 'personal' && mentioned) message.fromCommand = 'mention';
  return { kind: 'message', message, attachments, isInvoke };
}

/** When the bot is added to a 1:1 chat it introduces itself (as if the user had typed `help`). */
function welcomeOf(activity: TeamsActivity): InboundDecision {
  const botId = activity.recipient?.id;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === botId);
  if (!botAdded || conversationType(activity) !== 'personal' || !activity.conversation?.id) {
    return { kind: 'ignore', reason: 'conversation update' };
  }
  return {
    kind: 'message',
    message: {
      conversation: conversationKeyOf(activity),
      user: { id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown', name: activity.from?.name },
      text: 'help',
      ...(activity.id ? { eventId: activity.id } : {}),
    },
    attachments: [],
    isInvoke: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Reply → Activity

/** The overlay already shrunk to what Teams shows inline (see `image.ts`). */
export interface TeamsInlineImage {
  dataUrl: string;
  altText: string;
  width: number;
  height: number;
}

/** A plain outgoing activity; the adapter hands it to `TurnContext.sendActivity`. */
export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain';
  summary?: string;
  attachments?: { contentType: string; content: unknown; name?: string }[];
}

/**
 * Converts the bot's light Markdown (`*bold*`, as in the `Reply` contract) to Teams Markdown
 * (`**bold**`); `**already bold**` and `_italic_` pass through.
 */
export function teamsMarkdown(text: string): string {
  return text.replace(/(^|[^*\w])\*(?!\s|\*)([^*\n]+?)(?<!\s)\*(?![*\w])/g, '$1**$2**');
}

const LIST_LINE = /^\s*(?:[-*•]|\d+[.)])\s+/;

/**
 * Text for a plain message: Teams joins single newlines, so each line becomes its own paragraph,
 * except list items, which stay together so the list renders as one.
 */
export function teamsMessageText(text: string): string {
  const lines = teamsMarkdown(text).split('\n');
  return lines
    .map((line, i) =>
      i === 0
        ? line
        : LIST_LINE.test(line) && LIST_LINE.test(lines[i - 1] ?? '')
          ? `\n${line}`
          : `\n\n${line}`,
    )
    .join('');
}

/** Plain text without Markdown markers, for `fallbackText` and notification summaries. */
export function plainText(text: string): string {
  return text.replace(/\*\*?([^*\n]+)\*\*?/g, '$1').replace(/`([^`]+)`/g, '$1');
}

function textBlocks(text: string): Record<string, unknown>[] {
  return teamsMarkdown(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => ({
      type: 'TextBlock',
      text: line,
      wrap: true,
      ...(i > 0 && LIST_LINE.test(line) ? { spacing: 'None' } : {}),
    }));
}

function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

function answerBlocks(reply: Reply): Record<string, unknown>[] {
  const answer = reply.answer;
  if (!answer) return [];
  const blocks: Record<string, unknown>[] = [];
  const headline = answer.noneOfThem
    ? 'Answer: **N** — None of them'
    : `Answer: ${answer.letters.map((letter, i) => `**${letter}** — ${answer.names[i] ?? ''}`.trim()).join(', ')}`;
  blocks.push({
    type: 'TextBlock',
    text: headline,
    wrap: true,
    weight: 'Bolder',
    size: 'Medium',
    spacing: 'Medium',
  });
  for (const organ of answer.organs) {
    const area = organ.areaCm2 !== undefined ? ` · ${organ.areaCm2.toFixed(1)} cm²` : ` · ${organ.areaPx} px`;
    blocks.push({
      type: 'TextBlock',
      text: `${organ.letter} · ${organ.name}: confidence ${percent(organ.confidence)}${area}`,
      wrap: true,
      spacing: 'None',
      isSubtle: true,
    });
  }
  // The bot usually puts the explanation in its text already; repeat it only when it does not.
  if (answer.explanation && !reply.text.includes(answer.explanation)) {
    blocks.push({ type: 'TextBlock', text: teamsMarkdown(answer.explanation), wrap: true });
  }
  return blocks;
}

const ACTIONS_PER_ROW = 5;

function submitAction(button: ReplyButton): Record<string, unknown> {
  return {
    type: 'Action.Submit',
    title: button.label,
    data: { action: button.action, value: button.value },
    ...(button.style === 'primary'
      ? { style: 'positive' }
      : button.style === 'danger'
        ? { style: 'destructive' }
        : {}),
  };
}

/** The sentence that lets a keyboard or screen-reader user do without the buttons. */
export function buttonsTextEquivalent(buttons: readonly ReplyButton[]): string {
  return `Prefer typing? ${buttons.map((b) => `${b.label}: type "${b.textEquivalent}"`).join(' · ')}`;
}

/** Builds the Adaptive Card (schema 1.5, what Teams desktop and mobile render) for one reply. */
export function adaptiveCardOf(reply: Reply, image?: TeamsInlineImage): Record<string, unknown> {
  const body: Record<string, unknown>[] = [...textBlocks(reply.text), ...answerBlocks(reply)];
  if (image) {
    body.push({
      type: 'Image',
      url: image.dataUrl,
      altText: image.altText,
      size: 'Stretch',
      spacing: 'Medium',
    });
  }
  for (const file of reply.files ?? []) {
    body.push({
      type: 'TextBlock',
      text: `📎 ${file.name}: ${file.description} Teams can't receive files from this bot yet; export it from the web chat or with the \`organ-seg\` command line instead.`,
      wrap: true,
      size: 'Small',
    });
  }
  const buttons = reply.buttons ?? [];
  // Teams shows at most a handful of actions per row; 14 quiz answers become rows of ActionSets.
  for (let i = 0; i < buttons.length; i += ACTIONS_PER_ROW) {
    body.push({ type: 'ActionSet', actions: buttons.slice(i, i + ACTIONS_PER_ROW).map(submitAction) });
  }
  if (buttons.length > 0) {
    body.push({
      type: 'TextBlock',
      text: buttonsTextEquivalent(buttons),
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: plainText(reply.text),
    body,
    // Full width so the overlay is not squeezed into a narrow bubble.
    msteams: { width: 'Full' },
  };
}

/**
 * Turns one `Reply` into the activity Teams shows: a plain Markdown message for text-only replies,
 * an Adaptive Card when there is an answer, an overlay, files or buttons.
 */
export function activityOfReply(reply: Reply, image?: TeamsInlineImage): OutgoingActivity {
  const needsCard = Boolean(reply.answer || image || reply.buttons?.length || reply.files?.length);
  if (!needsCard) return { type: 'message', text: teamsMessageText(reply.text), textFormat: 'markdown' };
  return {
    type: 'message',
    summary: plainText(reply.text).split('\n')[0]?.slice(0, 200),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: adaptiveCardOf(reply, image) }],
  };
}
