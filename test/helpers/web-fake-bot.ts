/**
 * A small stand-in for the bot core, for the web chat tests: it answers like the real one (progress
 * notes, an answer with an overlay PNG and alt text, quiz buttons with text equivalents, coded error
 * replies, a late reply through `deliver`) without loading a model.
 */
import sharp from 'sharp';
import type {
  ChatBot,
  ConversationKey,
  DeliverFn,
  InboundMessage,
  ProgressFn,
  Reply,
} from '../../src/bot/types.js';
import { overlayAltText } from '../../src/pipeline/overlay.js';

interface Pick {
  letter: 'A' | 'C';
  name: string;
  id: 1 | 3;
  colour: string;
  box: [number, number, number, number];
}

const LIVER: Pick = { letter: 'A', name: 'Liver', id: 1, colour: '#ee7733', box: [0.13, 0.27, 0.47, 0.57] };
const SPLEEN: Pick = { letter: 'C', name: 'Spleen', id: 3, colour: '#aa4499', box: [0.66, 0.35, 0.82, 0.55] };

async function overlayPng(
  image: Uint8Array,
  pick: Pick,
): Promise<{ png: Buffer; width: number; height: number }> {
  const base = sharp(image)
    .greyscale()
    .resize({ width: 256, height: 256, fit: 'fill' })
    .toColourspace('srgb');
  const [x1, y1, x2, y2] = pick.box.map((v) => Math.round(v * 256));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <ellipse cx="${(x1 + x2) / 2}" cy="${(y1 + y2) / 2}" rx="${(x2 - x1) / 2}" ry="${(y2 - y1) / 2}"
      fill="${pick.colour}" fill-opacity="0.4" stroke="${pick.colour}" stroke-width="3"/></svg>`;
  const png = await base
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return { png, width: 256, height: 256 };
}

export interface FakeChatBot extends ChatBot {
  readonly received: InboundMessage[];
  /** Milliseconds `handle` waits between progress notes (so a browser can see them). */
  delayMs: number;
  deliverTo(conversation: ConversationKey, reply: Reply): Promise<void>;
}

export function createFakeChatBot(options: { delayMs?: number; lateReplyMs?: number } = {}): FakeChatBot {
  const images = new Map<string, Uint8Array>();
  const delivers = new Map<string, DeliverFn>();
  const received: InboundMessage[] = [];
  const lateReplyMs = options.lateReplyMs ?? 100;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const bot: FakeChatBot = {
    received,
    delayMs: options.delayMs ?? 0,
    async deliverTo(conversation, reply) {
      await delivers.get(conversation.platform)?.(conversation, reply);
    },
    setDeliver(platform, deliver) {
      delivers.set(platform, deliver);
    },
    async close() {},
    async handle(message: InboundMessage, progress?: ProgressFn): Promise<Reply[]> {
      received.push(message);
      const key = message.conversation.channel;
      const text = message.text.toLowerCase();
      if (text === 'boom') throw new Error('internal detail that must not reach the user');
      if (text === 'help')
        return [{ kind: 'help', text: '*How to use me*\nSend a slice, then ask a question.' }];

      if (message.action?.action === 'quiz-answer') {
        const correct = message.action.value === 'A';
        setTimeout(() => {
          void bot.deliverTo(message.conversation, {
            kind: 'info',
            text: '*Round over.* Press Start quiz for another.',
          });
        }, lateReplyMs);
        return [
          {
            kind: 'info',
            text: correct
              ? '*Correct!* It is the liver.'
              : `*Not quite.* You chose ${message.action.value}; it is the liver.`,
          },
        ];
      }
      if (text === 'quiz' || message.action?.action === 'quiz-start') {
        const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#333333' } })
          .png()
          .toBuffer();
        const shown = await overlayPng(blank, LIVER);
        return [
          {
            kind: 'quiz',
            text: '*Quiz:* which organ is highlighted?',
            image: {
              ...shown,
              altText: 'Quiz slice with one organ highlighted in orange',
              fileName: 'quiz.png',
            },
            buttons: [
              { action: 'quiz-answer', value: 'A', label: 'A. Liver', textEquivalent: 'A' },
              { action: 'quiz-answer', value: 'B', label: 'B. Right kidney', textEquivalent: 'B' },
              { action: 'quiz-answer', value: 'C', label: 'C. Spleen', textEquivalent: 'C' },
            ],
          },
        ];
      }

      const upload = message.attachments[0];
      if (upload) images.set(key, upload.bytes);
      const image = images.get(key);
      if (!image) {
        return [
          {
            kind: 'error',
            errorCode: 'no_active_image',
            text: 'I have no image for this conversation yet. Drag a PNG, DICOM or NIfTI slice into the chat, then ask again.',
          },
        ];
      }
      if (text === '') return [{ kind: 'info', text: `Got *${upload?.name}*. Ask me about it.` }];

      progress?.('Reading the image…');
      await sleep(bot.delayMs);
      progress?.('Finding the organs…');
      await sleep(bot.delayMs);
      const pick = text.includes('spleen') ? SPLEEN : LIVER;
      const overlay = await overlayPng(image, pick);
      const box = pick.box.map((v) => Math.round(v * 256)) as [number, number, number, number];
      return [
        {
          kind: 'answer',
          text: `*${pick.letter}. ${pick.name}*\nThe ${pick.name.toLowerCase()} is outlined on the slice.`,
          answer: {
            letters: [pick.letter],
            names: [pick.name],
            noneOfThem: false,
            explanation: `The ${pick.name.toLowerCase()} is the organ asked about; it is outlined in colour.`,
            organs: [{ letter: pick.letter, name: pick.name, bbox: box, areaPx: 4000, confidence: 0.93 }],
          },
          image: {
            ...overlay,
            altText: overlayAltText([{ id: pick.id, bbox: box }], 256, 256),
            fileName: `${pick.name.toLowerCase()}-overlay.png`,
          },
        },
      ];
    },
  };
  return bot;
}
