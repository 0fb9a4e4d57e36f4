/**
 * Draws the two Teams app icons with sharp: `color.png` (192 × 192, full colour) and `outline.png`
 * (32 × 32, white on a transparent background, as Teams requires for the app bar). The motif is an
 * axial abdominal slice: the body outline, the liver, and both kidneys.
 *
 *   npx tsx manifests/teams/icons.ts      # rewrites manifests/teams/color.png and outline.png
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Organ shapes on a 32-unit grid, shared by both icons. */
const SHAPES = `
  <ellipse cx="16" cy="16.5" rx="12" ry="9.5" />
  <path d="M6.8 13.2 C8.5 9.6 13.5 9.2 15.6 11.4 C16.6 12.6 15.2 15.2 12.4 15.6 C10 16 8 16.4 6.8 13.2 Z" />
  <ellipse cx="11.2" cy="20.3" rx="2.2" ry="2.8" />
  <ellipse cx="20.8" cy="20.3" rx="2.2" ry="2.8" />
`;

export async function renderColorIcon(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 32 32">
    <rect width="32" height="32" rx="6" fill="#0077BB" />
    <g fill="#ffffff" fill-opacity="0.18" stroke="#ffffff" stroke-width="1.3">${SHAPES}</g>
    <path d="M6.8 13.2 C8.5 9.6 13.5 9.2 15.6 11.4 C16.6 12.6 15.2 15.2 12.4 15.6 C10 16 8 16.4 6.8 13.2 Z" fill="#EE7733" />
    <ellipse cx="11.2" cy="20.3" rx="2.2" ry="2.8" fill="#33BBEE" />
    <ellipse cx="20.8" cy="20.3" rx="2.2" ry="2.8" fill="#33BBEE" />
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function renderOutlineIcon(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
    <g fill="none" stroke="#ffffff" stroke-width="1.6">${SHAPES}</g>
  </svg>`;
  // Teams wants pure white on transparency: force every visible pixel to white, keep only alpha.
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 255;
    data[i + 1] = 255;
    data[i + 2] = 255;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png()
    .toBuffer();
}

export async function writeTeamsIcons(dir = HERE): Promise<void> {
  await writeFile(`${dir}/color.png`, await renderColorIcon());
  await writeFile(`${dir}/outline.png`, await renderOutlineIcon());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeTeamsIcons();
  console.log(`wrote ${HERE}color.png and ${HERE}outline.png`);
}
