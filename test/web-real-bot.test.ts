/**
 * Slow tier, end to end: `startApp` (what `npm start` runs) with the real bot core, in a real
 * headless Chromium. The model is the hand-set oracle fixture, so the organs found are known.
 * Skips with a message when /usr/bin/chromium is absent (`.ci/run` installs it).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';
import { CHROMIUM, hasChromium, launchChromium } from './helpers/chromium.js';

if (!hasChromium)
  console.warn(`web-real-bot tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('npm start: the web chat on the real bot in headless Chromium', () => {
  let browser: Browser;
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp(
      loadConfig({ PORT: '0', MODEL_PATH: ORACLE_MODEL, LOG_LEVEL: 'silent' }),
      silentLogger,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.shutdown();
  });

  it('upload, question, follow-up, none-of-them and a quiz round', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(app.url.replace('127.0.0.1', 'localhost'));
    await page.waitForSelector('html[data-ready="true"]');
    await page.setInputFiles('#file', {
      name: 'slice.png',
      mimeType: 'image/png',
      buffer: await oracleSlicePng(),
    });
    await page.getByLabel('Your question').fill('Which organ is responsible for bile storage?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.message.kind-answer').last();
    await answer.waitFor({ timeout: 20_000 });
    await expect.poll(() => answer.textContent()).toMatch(/Gallbladder/);
    const overlay = answer.locator('img.overlay-image');
    expect(await overlay.getAttribute('alt')).toMatch(/gallbladder highlighted in green/);
    await expect
      .poll(() => overlay.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(512);

    await page.getByLabel('Your question').fill('show both kidneys');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.message.kind-answer').last().textContent())
      .toMatch(/Right kidney.*Left kidney/s);

    await page.getByLabel('Your question').fill('segment the pancreas');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.message.kind-answer').last().textContent())
      .toMatch(/None of them[\s\S]*pancreas is not visible/i);
    await page.screenshot({ path: '/tmp/web-real-bot.png', fullPage: true });

    await page.getByRole('button', { name: /Start quiz/ }).click();
    const quiz = page.locator('.message.kind-quiz').last();
    await quiz.waitFor();
    await quiz.getByRole('button', { name: /^A\. Liver/ }).click();
    await expect.poll(() => page.locator('.message').last().textContent()).toMatch(/answer A recorded/);
    await page.getByLabel('Your question').fill('reveal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.message').last().textContent()).toMatch(/Answer: [A-N]\./);
    await page.close();
  });
});
