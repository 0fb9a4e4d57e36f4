/**
 * Builds the Teams app package: `manifest.json` with the bot id and public URL filled in, plus the
 * two icons, zipped flat (Teams rejects a package whose files sit in a folder).
 *
 *   npx tsx manifests/teams/package.ts --bot-id <app-id-guid> --base-url https://bot.example.org
 *   # → dist/teams/organ-seg-bot.zip, ready for "Upload a custom app" or the Developer Portal
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import sharp from 'sharp';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_PACKAGE_PATH = resolve(HERE, '../../dist/teams/organ-seg-bot.zip');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (Entra app registration client id), a GUID. */
  botId: string;
  /** Public https origin of the bot; the developer, privacy and terms links point under it. */
  baseUrl: string;
  /** Where to write the zip (default `dist/teams/organ-seg-bot.zip`). */
  outFile?: string;
  /** Folder holding manifest.json and the icons (default: this folder). */
  sourceDir?: string;
}

async function checkIcon(png: Buffer, name: string, size: number, whiteOnly: boolean): Promise<void> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size)
    throw new Error(`${name} must be ${size}×${size}, is ${info.width}×${info.height}`);
  if (!whiteOnly) return;
  for (let i = 0; i < data.length; i += 4) {
    const visible = (data[i + 3] ?? 0) > 0;
    if (visible && (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255)) {
      throw new Error(`${name} must be white on a transparent background`);
    }
  }
}

/** Fills the placeholders, checks the icons Teams validates on upload, and writes the zip. */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<string> {
  if (!GUID.test(options.botId))
    throw new Error(`--bot-id must be the bot's Microsoft App ID (a GUID), got "${options.botId}"`);
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:') throw new Error('--base-url must be an https URL (Teams requires it)');
  const origin = base.href.replace(/\/+$/, '');
  const sourceDir = options.sourceDir ?? HERE;
  const template = await readFile(resolve(sourceDir, 'manifest.json'), 'utf8');
  const values: Record<string, string> = { BOT_ID: options.botId, APP_BASE_URL: origin };
  // Placeholders look like Teams Toolkit's `${{NAME}}`, so the same template works with either tool.
  const manifestText = template.replace(
    /\$\{\{([A-Z_]+)\}\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
  const leftover = /\$\{\{[A-Z_]+\}\}/.exec(manifestText);
  if (leftover) throw new Error(`manifest.json still has the placeholder ${leftover[0]}`);
  const manifest = JSON.parse(manifestText) as { icons: { color: string; outline: string } };
  const color = await readFile(resolve(sourceDir, manifest.icons.color));
  const outline = await readFile(resolve(sourceDir, manifest.icons.outline));
  await checkIcon(color, manifest.icons.color, 192, false);
  await checkIcon(outline, manifest.icons.outline, 32, true);

  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(manifestText),
    [manifest.icons.color]: new Uint8Array(color),
    [manifest.icons.outline]: new Uint8Array(outline),
  });
  const outFile = options.outFile ?? DEFAULT_PACKAGE_PATH;
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return outFile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { 'bot-id': { type: 'string' }, 'base-url': { type: 'string' }, out: { type: 'string' } },
  });
  const botId = values['bot-id'];
  const baseUrl = values['base-url'];
  if (!botId || !baseUrl) {
    console.error(
      'usage: npx tsx manifests/teams/package.ts --bot-id <app-id-guid> --base-url https://<host> [--out file.zip]',
    );
    process.exit(2);
  }
  try {
    const written = await buildTeamsPackage({ botId, baseUrl, outFile: values.out });
    console.log(`Teams app package written to ${written}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
