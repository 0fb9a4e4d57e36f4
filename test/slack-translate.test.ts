/**
 * Fixture tests for the pure Slack translation: real payload shapes in, `InboundMessage` out;
 * `Reply` in, Block Kit and upload parameters out.
 */
import { describe, expect, it } from 'vitest';
import {
  actionFromActionId,
  buttonBlocks,
  checkSlackFile,
  EventDedupe,
  homeView,
  inboundFromBlockAction,
  inboundFromMessage,
  inboundFromSlashCommand,
  isTrustedFileUrl,
  isUserMessage,
  mentionsBot,
  planReply,
  replyToMessage,
  type SlackBlockActions,
  type SlackMessageEvent,
  splitForSections,
  stripBotMention,
  toMrkdwn,
  typedPrefixFor,
} from '../src/adapters/slack/index.js';
import type { Reply } from '../src/bot/types.js';

const FILE = {
  id: 'F07ABCDEF',
  created: 1_700_000_000,
  name: 'abdomen-ct-042.png',
  title: 'abdomen-ct-042.png',
  mimetype: 'image/png',
  filetype: 'png',
  pretty_type: 'PNG',
  user: 'U0ANA',
  size: 48_213,
  mode: 'hosted',
  is_external: false,
  url_private: 'https://files.slack.com/files-pri/T0TEAM-F07ABCDEF/abdomen-ct-042.png',
  url_private_download: 'https://files.slack.com/files-pri/T0TEAM-F07ABCDEF/download/abdomen-ct-042.png',
  permalink: 'https://radiology.slack.com/files/U0ANA/F07ABCDEF/abdomen-ct-042.png',
};

/** A `message` event with a file, as Slack delivers it in a public channel. */
const CHANNEL_FILE_SHARE = {
  type: 'message',
  subtype: 'file_share',
  text: 'Which of these is the pancreas? <@U0BOT>',
  files: [FILE],
  upload: false,
  user: 'U0ANA',
  display_as_bot: false,
  ts: '1700000000.000100',
  blocks: [],
  channel: 'C0CHAN',
  channel_type: 'channel',
  event_ts: '1700000000.000100',
} as unknown as SlackMessageEvent;

describe('inbound translation', () => {
  it('puts a channel upload in a new thread under the message and strips the mention', () => {
    const { message, files } = inboundFromMessage('T0TEAM', CHANNEL_FILE_SHARE, 'U0BOT');
    expect(message).toEqual({
      conversation: {
        platform: 'slack',
        workspace: 'T0TEAM',
        channel: 'C0CHAN',
        thread: '1700000000.000100',
      },
      user: { id: 'U0ANA' },
      text: 'Which of these is the pancreas?',
      attachments: [],
      eventId: 'slack:T0TEAM:C0CHAN:1700000000.000100',
      fromCommand: undefined,
    });
    expect(files.map((f) => f.id)).toEqual(['F07ABCDEF']);
  });

  it('keeps a thread reply in its thread and a DM without one', () => {
    const reply = { ...CHANNEL_FILE_SHARE, ts: '1700000000.000300', thread_ts: '1700000000.000100' };
    expect(inboundFromMessage('T0TEAM', reply, 'U0BOT').message.conversation.thread).toBe(
      '1700000000.000100',
    );
    const dm = { ...CHANNEL_FILE_SHARE, channel: 'D0DM', channel_type: 'im' };
    expect(inboundFromMessage('T0TEAM', dm, 'U0BOT').message.conversation.thread).toBeUndefined();
  });

  it('gives a message and its app_mention the same event id, so the bot answers once', () => {
    const mention = {
      ...CHANNEL_FILE_SHARE,
      type: 'app_mention' as const,
      subtype: undefined,
      channel_type: undefined,
    };
    const a = inboundFromMessage('T0TEAM', CHANNEL_FILE_SHARE, 'U0BOT').message;
    const b = inboundFromMessage('T0TEAM', mention, 'U0BOT').message;
    expect(a.eventId).toBe(b.eventId);
    expect(b.fromCommand).toBe('app_mention');
  });

  it('reads only what people say: no bot posts, edits or deletions', () => {
    expect(isUserMessage(CHANNEL_FILE_SHARE)).toBe(true);
    expect(isUserMessage({ ...CHANNEL_FILE_SHARE, subtype: 'message_changed' })).toBe(false);
    expect(isUserMessage({ ...CHANNEL_FILE_SHARE, subtype: 'bot_message', bot_id: 'B1' })).toBe(false);
    expect(isUserMessage({ ...CHANNEL_FILE_SHARE, subtype: undefined, bot_id: 'B1' })).toBe(false);
  });

  it('strips only the bot mention and unescapes what the user typed', () => {
    expect(stripBotMention('<@U0BOT|organ-seg>  is D &gt; C? ask <@U0ANA|ana>', 'U0BOT')).toBe(
      'is D > C? ask @ana',
    );
    expect(stripBotMention('see <https://example.org/case|the case> &amp; <https://x.org>')).toBe(
      'see the case & https://x.org',
    );
    expect(mentionsBot('hi <@U0BOT>', 'U0BOT')).toBe(true);
    expect(mentionsBot('hi <@U0BOTX>', 'U0BOT')).toBe(false);
  });

  it('turns slash commands into text in the channel conversation', () => {
    const command = {
      token: 'x',
      team_id: 'T0TEAM',
      team_domain: 'radiology',
      channel_id: 'C0CHAN',
      channel_name: 'teaching',
      user_id: 'U0TEACHER',
      user_name: 'ana',
      command: '/organ-quiz',
      text: 'mr',
      api_app_id: 'A0APP',
      response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
      trigger_id: '1.2.3',
    };
    expect(inboundFromSlashCommand(command)).toMatchObject({
      conversation: { platform: 'slack', workspace: 'T0TEAM', channel: 'C0CHAN' },
      text: 'quiz mr',
      fromCommand: '/organ-quiz',
      eventId: 'slack:T0TEAM:command:1.2.3',
    });
    expect(inboundFromSlashCommand({ ...command, command: '/organ-seg', text: '' }).text).toBe('help');
    expect(inboundFromSlashCommand({ ...command, command: '/organ-seg', text: 'forget' }).text).toBe(
      'forget',
    );
  });

  it('turns a button press in a thread into an action in that thread', () => {
    const body = {
      type: 'block_actions',
      user: { id: 'U0ANA', username: 'ana', team_id: 'T0TEAM' },
      team: { id: 'T0TEAM' },
      container: { type: 'message', message_ts: '1.5', channel_id: 'C0CHAN', thread_ts: '1.1' },
      channel: { id: 'C0CHAN' },
      message: { ts: '1.5', thread_ts: '1.1' },
      actions: [{ action_id: 'quiz-answer#12', value: 'M', type: 'button', action_ts: '1.6' }],
    } satisfies SlackBlockActions;
    expect(inboundFromBlockAction(body)).toMatchObject({
      conversation: { channel: 'C0CHAN', thread: '1.1' },
      action: { action: 'quiz-answer', value: 'M' },
      user: { id: 'U0ANA', name: 'ana' },
    });
    expect(
      inboundFromBlockAction({ ...body, actions: [{ action_id: 'x', type: 'static_select' }] }),
    ).toBeUndefined();
    expect(actionFromActionId('quiz-reveal')).toBe('quiz-reveal');
  });
});

const ANSWER: Reply = {
  kind: 'answer',
  text: 'B and M: Right kidney, Left kidney.',
  answer: {
    letters: ['B', 'M'],
    names: ['Right kidney', 'Left kidney'],
    noneOfThem: false,
    explanation: 'Both kidneys sit **behind** the peritoneum, either side of the spine.',
    organs: [
      {
        letter: 'B',
        name: 'Right kidney',
        bbox: [0, 0, 1, 1],
        areaPx: 10,
        areaCm2: 11.25,
        confidence: 0.912,
      },
      { letter: 'M', name: 'Left kidney', bbox: [0, 0, 1, 1], areaPx: 10, confidence: 0.5 },
    ],
  },
  image: {
    png: Buffer.from([0x89, 0x50]),
    altText: 'Axial MR slice with the right kidney outlined in blue and the left kidney in cyan.',
    fileName: 'kidneys.png',
    width: 256,
    height: 256,
  },
  slice: { index: 40, count: 80 },
};

describe('reply translation', () => {
  it('shows letters, organs, explanation and confidence as blocks, with the text as fallback', () => {
    const { text, blocks } = replyToMessage(ANSWER);
    const json = JSON.stringify(blocks);
    expect(text).toBe('B and M: Right kidney, Left kidney.');
    expect(json).toContain('*B — Right kidney*, *M — Left kidney*');
    expect(json).toContain('Both kidneys sit *behind* the peritoneum');
    expect(json).toContain('B Right kidney: confidence 91%, 11.3 cm²');
    expect(json).toContain('M Left kidney: confidence 50%');
    expect(json).toContain('slice 41 of 80');
  });

  it('uploads the overlay in the thread with its alt text, after the answer', () => {
    const plan = planReply(ANSWER, { channel: 'C0CHAN', threadTs: '1.1' });
    expect(plan.imageFirst).toBe(false);
    expect(plan.image).toMatchObject({
      channel_id: 'C0CHAN',
      thread_ts: '1.1',
      filename: 'kidneys.png',
      alt_text: ANSWER.image?.altText,
    });
    const long = planReply(
      { ...ANSWER, image: { ...(ANSWER.image as NonNullable<Reply['image']>), altText: 'x'.repeat(5000) } },
      {
        channel: 'D0DM',
      },
    );
    expect(long.image?.alt_text?.length).toBe(1000);
    expect(long.image && 'thread_ts' in long.image).toBe(false);
  });

  it('marks errors and escapes what would otherwise become a mention or link', () => {
    const { blocks } = replyToMessage({
      kind: 'error',
      text: 'File <too> big & heavy',
      errorCode: 'input_too_large',
    });
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: File &lt;too&gt; big &amp; heavy' } },
    ]);
  });

  it('gives every button a unique action id and a typed equivalent', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      action: 'quiz-answer',
      value: String(i),
      label: `Option ${i}`,
      textEquivalent: `answer ${i}`,
    }));
    const blocks = buttonBlocks(buttons);
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(2);
    const ids = actions.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? (e.action_id ?? '') : '')) : [],
    );
    expect(new Set(ids).size).toBe(30);
    expect(ids.map(actionFromActionId).every((a) => a === 'quiz-answer')).toBe(true);
    expect(JSON.stringify(blocks.at(-1))).toContain('`answer 29`');
  });

  it('converts light Markdown to mrkdwn and splits long text under the section limit', () => {
    expect(toMrkdwn('**Liver** is [here](https://example.org/a?b=1&c=2)\n- one\n# Title')).toBe(
      '*Liver* is <https://example.org/a?b=1&c=2|here>\n• one\n*Title*',
    );
    const pieces = splitForSections(`${'word '.repeat(700)}\n\n${'more '.repeat(700)}`);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
  });

  it('has an App Home how-to that names the commands', () => {
    const text = JSON.stringify(homeView());
    for (const word of ['/organ-quiz', '/organ-seg help', 'forget', 'DICOM', 'NIfTI'])
      expect(text).toContain(word);
  });
});

describe('file checks', () => {
  it('accepts slices and volumes, refuses other types and oversized files before downloading', () => {
    expect(checkSlackFile(FILE, 1024 * 1024)).toBeUndefined();
    expect(
      checkSlackFile({ id: 'F1', name: 'IM0001', mimetype: 'application/octet-stream' }, 1e6),
    ).toBeUndefined();
    expect(
      checkSlackFile({ id: 'F1', name: 'ct.nii.gz', mimetype: 'application/gzip' }, 1e6),
    ).toBeUndefined();
    expect(checkSlackFile({ id: 'F1', name: 'case.dcm', mimetype: 'text/plain' }, 1e6)).toBeUndefined();
    expect(checkSlackFile({ id: 'F1', name: 'clip.mp4', mimetype: 'video/mp4' }, 1e9)?.code).toBe(
      'input_unsupported_format',
    );
    expect(checkSlackFile({ id: 'F1', name: 'logo.svg', mimetype: 'image/svg+xml' }, 1e9)?.code).toBe(
      'input_unsupported_format',
    );
    expect(checkSlackFile({ ...FILE, size: 5 * 1024 * 1024 }, 1024 * 1024)?.userMessage).toContain(
      'up to 1.0 MB',
    );
  });

  it('sends the bot token only to Slack or the configured API server', () => {
    expect(isTrustedFileUrl(FILE.url_private_download)).toBe(true);
    expect(isTrustedFileUrl('https://files.slack.com.evil.example/x')).toBe(false);
    expect(isTrustedFileUrl('http://files.slack.com/x')).toBe(false);
    expect(isTrustedFileUrl('http://127.0.0.1:9/files/x', 'http://127.0.0.1:9/api/')).toBe(true);
    expect(isTrustedFileUrl('http://127.0.0.1:10/files/x', 'http://127.0.0.1:9/api/')).toBe(false);
  });
});

describe('event dedupe', () => {
  it('claims an id once within the TTL, again after it', () => {
    let now = 0;
    const dedupe = new EventDedupe({ ttlMs: 1000, now: () => now });
    expect(dedupe.claim('Ev1')).toBe(true);
    expect(dedupe.claim('Ev1')).toBe(false);
    now = 1001;
    expect(dedupe.claim('Ev1')).toBe(true);
  });

  it('forgets the oldest ids beyond its bound', () => {
    const dedupe = new EventDedupe({ maxEntries: 2, now: () => 0 });
    dedupe.claim('a');
    dedupe.claim('b');
    dedupe.claim('c');
    expect(dedupe.claim('a')).toBe(true);
    expect(dedupe.claim('c')).toBe(false);
  });
});

describe('typed equivalents', () => {
  it('need no prefix in DMs and threads, and a slash command at the top of a channel', () => {
    expect(typedPrefixFor({ channel: 'D0DM' })).toBe('');
    expect(typedPrefixFor({ channel: 'C0CHAN', threadTs: '1.1' })).toBe('');
    expect(typedPrefixFor({ channel: 'C0CHAN' })).toBe('/organ-seg ');
  });
});
