import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../manifests/teams/package.js';

const BOT_ID = '6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('Teams app package', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  async function build(): Promise<Record<string, Uint8Array>> {
    const dir = await mkdtemp(join(tmpdir(), 'teams-pkg-'));
    dirs.push(dir);
    const file = await buildTeamsPackage({
      botId: BOT_ID,
      baseUrl: 'https://bot.example.org/',
      outFile: join(dir, 'app.zip'),
    });
    return unzipSync(new Uint8Array(await readFile(file)));
  }

  it('zips the manifest and both icons at the root, with the bot id and URLs filled in', async () => {
    const files = await build();
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'help',
      'quiz',
      'forget',
    ]);
    expect(manifest.validDomains).toEqual([]);
    expect(manifest.developer.privacyUrl).toBe('https://bot.example.org/privacy');
    // Limits Teams enforces on upload.
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('ships a 192 px colour icon and a 32 px white-on-transparent outline icon', async () => {
    const files = await build();
    const color = await sharp(files['color.png']).metadata();
    expect([color.format, color.width, color.height]).toEqual(['png', 192, 192]);
    const { data, info } = await sharp(files['outline.png'])
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([32, 32]);
    let visible = 0;
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent++;
      else {
        visible++;
        expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(500);
  });

  it('refuses a bot id that is not a GUID and a non-https URL', async () => {
    await expect(buildTeamsPackage({ botId: 'my-bot', baseUrl: 'https://x.org' })).rejects.toThrow(/GUID/);
    await expect(buildTeamsPackage({ botId: BOT_ID, baseUrl: 'http://x.org' })).rejects.toThrow(/https/);
  });
});
