import { describe, expect, it } from 'vitest';
import {
  activityOfReply,
  adaptiveCardOf,
  attachmentSourcesOf,
  conversationKeyOf,
  inboundFromActivity,
  type TeamsActivity,
  teamsMarkdown,
  teamsMessageText,
} from '../src/adapters/teams/translate.js';
import type { Reply } from '../src/bot/types.js';

const BOT = { id: '28:bot-app-id', name: 'Organ Seg' };
const USER = { id: '29:user-1', name: 'Dr Ada', aadObjectId: 'aad-user-1' };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function personal(overrides: Partial<TeamsActivity> = {}): TeamsActivity {
  return {
    type: 'message',
    id: '1700000000001',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    recipient: BOT,
    conversation: { id: 'a:1personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
    text: 'which organ is B?',
    ...overrides,
  };
}

function channelMessage(text: string, mentioned: boolean): TeamsActivity {
  return {
    type: 'message',
    id: '1700000000555',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    recipient: BOT,
    conversation: {
      id: '19:general@thread.tacv2;messageid=1700000000500',
      conversationType: 'channel',
      tenantId: 'tenant-1',
    },
    replyToId: '1700000000500',
    text,
    entities: mentioned ? [{ type: 'mention', text: '<at>Organ Seg</at>', mentioned: BOT }] : [],
    channelData: { tenant: { id: 'tenant-1' }, channel: { id: '19:general@thread.tacv2' } },
  };
}

describe('Teams activity → InboundMessage', () => {
  it('turns a 1:1 message with a pasted image into one message; the HTML copy is skipped', () => {
    const decision = inboundFromActivity(
      personal({
        attachments: [
          { contentType: 'image/*', contentUrl: `${SERVICE_URL}v3/attachments/abc/views/original` },
          { contentType: 'text/html', content: '<div><img src="…"></div>' },
        ],
      }),
    );
    expect(decision.kind).toBe('message');
    if (decision.kind !== 'message') return;
    expect(decision.message.conversation).toEqual({
      platform: 'teams',
      workspace: 'tenant-1',
      channel: 'a:1personal-chat',
    });
    expect(decision.message.user).toEqual({ id: 'aad-user-1', name: 'Dr Ada' });
    expect(decision.message.text).toBe('which organ is B?');
    expect(decision.message.eventId).toBe('1700000000001');
    expect(decision.attachments).toEqual([
      {
        kind: 'download',
        name: 'attachment-1',
        url: `${SERVICE_URL}v3/attachments/abc/views/original`,
        withBotToken: true,
      },
    ]);
  });

  it('ignores a channel message that does not mention the bot', () => {
    expect(inboundFromActivity(channelMessage('which organ is B?', false))).toMatchObject({
      kind: 'ignore',
      reason: 'not mentioned',
    });
  });

  it('answers a mention in a channel thread, keyed by the thread, without the <at> markup', () => {
    const decision = inboundFromActivity(channelMessage('<at>Organ Seg</at>&nbsp;quiz', true));
    expect(decision.kind).toBe('message');
    if (decision.kind !== 'message') return;
    expect(decision.message.text).toBe('quiz');
    expect(decision.message.fromCommand).toBe('mention');
    expect(decision.message.conversation).toEqual({
      platform: 'teams',
      workspace: 'tenant-1',
      channel: '19:general@thread.tacv2',
      thread: '1700000000500',
    });
  });

  it('ignores a group chat message without a mention but takes a pressed card button there', () => {
    const group: Partial<TeamsActivity> = {
      conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: 't' },
    };
    expect(inboundFromActivity(personal({ ...group, text: 'hello all' })).kind).toBe('ignore');
    const pressed = inboundFromActivity(
      personal({ ...group, text: undefined, value: { action: 'quiz-answer', value: 'B' } }),
    );
    expect(pressed).toMatchObject({
      kind: 'message',
      message: { action: { action: 'quiz-answer', value: 'B' }, text: '' },
    });
  });

  it('reads Action.Execute data from an adaptiveCard/action invoke', () => {
    const decision = inboundFromActivity(
      personal({
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'quiz-answer',
            data: { action: 'quiz-answer', value: 'C' },
          },
          trigger: 'manual',
        },
      }),
    );
    expect(decision).toMatchObject({
      kind: 'message',
      isInvoke: true,
      message: { action: { action: 'quiz-answer', value: 'C' } },
    });
  });

  it('passes `forget` through as text for the bot to handle', () => {
    expect(inboundFromActivity(personal({ text: 'forget' }))).toMatchObject({
      kind: 'message',
      message: { text: 'forget' },
    });
  });

  it('never sends the bot token to a pre-signed file URL or a foreign host', () => {
    const sources = attachmentSourcesOf(
      personal({
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'slice.dcm',
            content: {
              downloadUrl: 'https://contoso-my.sharepoint.com/personal/download.aspx?tempauth=x',
              fileType: 'dcm',
            },
          },
          { contentType: 'image/png', contentUrl: 'https://evil.example/steal.png', name: 'x.png' },
          {
            contentType: 'reference',
            contentUrl: 'https://contoso.sharepoint.com/sites/x/slice.png',
            name: 'slice.png',
          },
        ],
      }),
    );
    expect(sources).toEqual([
      {
        kind: 'download',
        name: 'slice.dcm',
        url: 'https://contoso-my.sharepoint.com/personal/download.aspx?tempauth=x',
        withBotToken: false,
      },
      {
        kind: 'download',
        name: 'x.png',
        contentType: 'image/png',
        url: 'https://evil.example/steal.png',
        withBotToken: false,
      },
      { kind: 'unsupported', name: 'slice.png', reason: 'sharepoint-reference' },
    ]);
  });

  it('starts a new conversation for a new top-level channel post', () => {
    const post = channelMessage('<at>Organ Seg</at> hi', true);
    post.conversation = { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' };
    post.replyToId = undefined;
    expect(conversationKeyOf(post).thread).toBe('1700000000555');
  });
});

describe('Reply → Teams activity', () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  const answer: Reply = {
    kind: 'answer',
    text: '*B*: the right kidney is outlined in blue.\nIt lies below the liver.',
    answer: {
      letters: ['B'],
      names: ['Right kidney'],
      noneOfThem: false,
      explanation: 'The blue outline sits on the patient right, behind the liver.',
      organs: [
        {
          letter: 'B',
          name: 'Right kidney',
          bbox: [1, 2, 3, 4],
          areaPx: 420,
          areaCm2: 11.84,
          confidence: 0.917,
        },
      ],
    },
    image: {
      png,
      altText: 'CT slice with the right kidney outlined in blue',
      fileName: 'overlay.png',
      width: 2,
      height: 2,
    },
    buttons: [
      { action: 'quiz-start', value: 'start', label: 'Quiz me', textEquivalent: 'quiz', style: 'primary' },
      {
        action: 'forget',
        value: 'all',
        label: 'Forget this image',
        textEquivalent: 'forget',
        style: 'danger',
      },
    ],
  };

  it('builds an Adaptive Card with the organ, confidence, the overlay with alt text, and buttons with text equivalents', () => {
    const image = {
      dataUrl: 'data:image/png;base64,AAAA',
      altText: answer.image?.altText ?? '',
      width: 2,
      height: 2,
    };
    const activity = activityOfReply(answer, image);
    expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = activity.attachments?.[0]?.content as { version: string; body: Record<string, unknown>[] };
    expect(card.version).toBe('1.5');
    const texts = card.body.filter((b) => b.type === 'TextBlock').map((b) => String(b.text));
    expect(texts[0]).toBe('**B**: the right kidney is outlined in blue.');
    expect(texts).toContain('Answer: **B** — Right kidney');
    expect(texts).toContain('B · Right kidney: confidence 92% · 11.8 cm²');
    expect(texts).toContain('The blue outline sits on the patient right, behind the liver.');
    expect(card.body).toContainEqual(
      expect.objectContaining({
        type: 'Image',
        url: image.dataUrl,
        altText: 'CT slice with the right kidney outlined in blue',
      }),
    );
    const actions = card.body
      .filter((b) => b.type === 'ActionSet')
      .flatMap((b) => b.actions as Record<string, unknown>[]);
    expect(actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Quiz me',
        data: { action: 'quiz-start', value: 'start' },
        style: 'positive',
      },
      {
        type: 'Action.Submit',
        title: 'Forget this image',
        data: { action: 'forget', value: 'all' },
        style: 'destructive',
      },
    ]);
    expect(texts.at(-1)).toBe('Prefer typing? Quiz me: type "quiz" · Forget this image: type "forget"');
  });

  it('puts 14 quiz answers in rows Teams can show', () => {
    const letters = 'ABCDEFGHIJKLMN'.split('');
    const card = adaptiveCardOf({
      kind: 'quiz',
      text: 'Which organ is outlined?',
      buttons: letters.map((l) => ({
        action: 'quiz-answer',
        value: l,
        label: l,
        textEquivalent: `answer ${l}`,
      })),
    }) as { body: { type: string; actions?: unknown[] }[] };
    const rows = card.body.filter((b) => b.type === 'ActionSet');
    expect(rows.map((r) => r.actions?.length)).toEqual([5, 5, 4]);
  });

  it('sends text-only replies as Markdown, one paragraph per line, lists kept together', () => {
    const activity = activityOfReply({
      kind: 'help',
      text: 'I can:\n- answer *questions*\n- run a quiz\nType *help* any time.',
    });
    expect(activity).toEqual({
      type: 'message',
      textFormat: 'markdown',
      text: 'I can:\n\n- answer **questions**\n- run a quiz\n\nType **help** any time.',
    });
    expect(activity.attachments).toBeUndefined();
  });

  it('leaves existing bold and multiplication alone', () => {
    expect(teamsMarkdown('**A** and *B*, 2 * 3 = 6')).toBe('**A** and **B**, 2 * 3 = 6');
    expect(teamsMessageText('one\ntwo')).toBe('one\n\ntwo');
  });
});
