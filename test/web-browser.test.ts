/**
 * Slow tier: the web chat in a real headless Chromium (Debian `chromium`, driven by playwright-core).
 * A user uploads a synthetic slice, asks, sees the organ name and the overlay with its alt text,
 * then starts a quiz and presses an answer button; a late reply arrives over Server-Sent Events.
 * Skips with a message when /usr/bin/chromium is absent (`.ci/run` installs it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebChat } from '../src/adapters/web/web-chat.js';
import { HttpServer } from '../src/server.js';
import { CHROMIUM, hasChromium, launchChromium } from './helpers/chromium.js';
import { slicePng, syntheticSlice } from './helpers/synthetic.js';
import { createFakeChatBot } from './helpers/web-fake-bot.js';

if (!hasChromium)
  console.warn(`web-browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('web chat in headless Chromium', () => {
  let browser: Browser;
  let server: HttpServer;
  let url: string;

  beforeAll(async () => {
    server = new HttpServer({ port: 0 });
    // A short delay between progress notes, so the progress indicator is really shown.
    mountWebChat(server, { bot: createFakeChatBot({ delayMs: 300, lateReplyMs: 200 }) });
    const { port } = await server.listen();
    url = `http://localhost:${port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openChat(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    expect(problems).toEqual([]); // no CSP violations, no script errors
    return page;
  }

  it('uploads a slice, asks, shows progress, the organ and the overlay with alt text; then a quiz', async () => {
    const page = await openChat();
    const png = await slicePng(syntheticSlice(128, 128));
    await page.setInputFiles('#file', { name: 'slice.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.textContent('#chosen-names')).toBe('slice.png');

    await page.getByLabel('Your question').fill('Which organ is the largest? A. Liver B. Right kidney');
    await page.keyboard.press('Enter');

    // The progress indicator shows the bot's notes while it works.
    await page.waitForSelector('#progress:not([hidden])');
    await expect
      .poll(() => page.textContent('#progress-note'))
      .toMatch(/Reading the image|Finding the organs/);

    const answer = page.locator('.message.kind-answer').last();
    await answer.waitFor();
    await expect.poll(() => answer.locator('.organ-name').textContent()).toBe('Liver');
    expect(await answer.locator('.letter').textContent()).toBe('A');
    const overlay = answer.locator('img.overlay-image');
    const alt = await overlay.getAttribute('alt');
    expect(alt).toMatch(/liver highlighted in orange/);
    // naturalWidth > 0 only once the PNG really decoded in the browser.
    const loadedWidth = () =>
      overlay.evaluate((element) => {
        const img = element as unknown as { complete: boolean; naturalWidth: number };
        return img.complete ? img.naturalWidth : 0;
      });
    await expect.poll(loadedWidth).toBe(256);
    expect(await page.isHidden('#progress')).toBe(true);

    // A follow-up without a new upload.
    await page.getByLabel('Your question').fill('and the spleen?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.message.kind-answer .organ-name').last().textContent())
      .toBe('Spleen');

    await page.screenshot({ path: '/tmp/web-chat.png', fullPage: true });

    // Quiz: the button sends "quiz"; answer buttons carry their text equivalent for screen readers.
    await page.getByRole('button', { name: /Start quiz/ }).click();
    const quiz = page.locator('.message.kind-quiz').last();
    await quiz.waitFor();
    const choice = quiz.getByRole('button', { name: 'A. Liver (or type: A)' });
    await choice.click();
    await expect.poll(() => page.locator('.message.kind-info').last().textContent()).toMatch(/Correct!/);
    expect(await choice.isDisabled()).toBe(true); // one answer per round
    // The round-over message comes later, over Server-Sent Events.
    await expect.poll(() => page.locator('.message.kind-info').last().textContent()).toMatch(/Round over/);
    await page.close();
  });

  it('shows an error reply as an error, with what to do', async () => {
    const page = await openChat();
    await page.getByLabel('Your question').fill('where is the liver?');
    await page.keyboard.press('Enter');
    const error = page.locator('.message.kind-error').last();
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/Drag a PNG, DICOM or NIfTI slice into the chat/);
    await page.close();
  });
});
