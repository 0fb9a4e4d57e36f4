import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourRgb, ORGANS, organById } from '../src/pipeline/organs.js';
import {
  overlayAltText,
  renderLabelPng,
  renderMaskPng,
  renderOverlay,
  textWidthEm,
} from '../src/pipeline/overlay.js';
import { syntheticSlice } from './helpers/synthetic.js';

async function rgbOf(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function pixel(img: Awaited<ReturnType<typeof rgbOf>>, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * img.channels;
  return [img.data[i] as number, img.data[i + 1] as number, img.data[i + 2] as number];
}

function closeTo(a: number[], b: number[], tolerance: number): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] as number)) <= tolerance);
}

describe('organ catalogue', () => {
  it('has the 13 organs in the paper order with distinct colours', () => {
    expect(ORGANS.map((o) => o.letter).join('')).toBe('ABCDEFGHIJKLM');
    expect(ORGANS.map((o) => o.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(organById(13).name).toBe('Left kidney');
    expect(organById(6).abbreviation).toBe('IVC');
    expect(new Set(ORGANS.map((o) => o.colour)).size).toBe(13);
    // Every pair of colours differs clearly (sum of channel differences), so legends are readable.
    for (const a of ORGANS) {
      for (const b of ORGANS) {
        if (a.id >= b.id) continue;
        const [r1, g1, b1] = colourRgb(a.colour);
        const [r2, g2, b2] = colourRgb(b.colour);
        expect(Math.abs(r1 - r2) + Math.abs(g1 - g2) + Math.abs(b1 - b2)).toBeGreaterThan(60);
      }
    }
  });
});

describe('overlay rendering', () => {
  const slice = syntheticSlice(512, 512);
  const image = { width: 512, height: 512, pixels: slice.pixels };

  it('fills the chosen organ in its colour, outlines it, and leaves other organs gray', async () => {
    const { png, width, height } = await renderOverlay(image, slice.labels, { organs: [9], legend: false });
    expect([width, height]).toEqual([512, 512]);
    const img = await rgbOf(png);
    const green = colourRgb(organById(9).colour);
    // the gallbladder centre: gray blended 35% towards green
    const [gx, gy] = [Math.round(0.36 * 512), Math.round(0.3 * 512)];
    const gray = Math.round(0.85 * 255);
    const expected = [0, 1, 2].map((c) => gray * 0.65 + (green[c] as number) * 0.35);
    expect(closeTo(pixel(img, gx, gy), expected, 3)).toBe(true);
    // its edge is the pure organ colour (crisp outline)
    let edgeX = gx;
    while (slice.labels[gy * 512 + edgeX + 1] === 9) edgeX++;
    expect(closeTo(pixel(img, edgeX, gy), green, 2)).toBe(true);
    // the liver is not painted: still gray
    const liver = pixel(img, Math.round(0.2 * 512), Math.round(0.42 * 512));
    expect(liver[0]).toBe(liver[1]);
    expect(liver[1]).toBe(liver[2]);
  });

  it('outline style leaves the inside unfilled', async () => {
    const { png } = await renderOverlay(image, slice.labels, {
      organs: [9],
      style: 'outline',
      legend: false,
    });
    const img = await rgbOf(png);
    const inside = pixel(img, Math.round(0.36 * 512), Math.round(0.3 * 512));
    expect(inside[0]).toBe(inside[1]);
  });

  it('draws the legend in a strip under the slice, leaving every slice pixel as without a legend', async () => {
    const withLegend = await renderOverlay(image, slice.labels, { organs: [2, 13] });
    const plain = await renderOverlay(image, slice.labels, { organs: [2, 13], legend: false });
    expect(withLegend.width).toBe(512);
    expect(withLegend.height).toBeGreaterThan(512);
    const img = await rgbOf(withLegend.png);
    expect(img.height).toBe(withLegend.height);
    const found = (rgb: number[]) => {
      for (let y = 512; y < img.height; y++)
        for (let x = 0; x < img.width; x++) if (closeTo(pixel(img, x, y), rgb, 3)) return true;
      return false;
    };
    expect(found(colourRgb(organById(2).colour))).toBe(true);
    expect(found(colourRgb(organById(13).colour))).toBe(true);
    // the slice above the strip is exactly the picture without a legend
    const bare = await rgbOf(plain.png);
    expect(img.data.subarray(0, 512 * 512 * img.channels).equals(bare.data)).toBe(true);
  });

  it('lays many organs out in columns, so nine take a few rows', async () => {
    const nine = [1, 2, 3, 4, 5, 6, 9, 11, 13] as const;
    const { height } = await renderOverlay(image, slice.labels, { organs: [...nine] });
    const { height: one } = await renderOverlay(image, slice.labels, { organs: [1] });
    const row = one - 512;
    expect(height - 512).toBeLessThanOrEqual(row * 4);
    expect(height - 512).toBeGreaterThan(row);
    // all thirteen, two of them "(not visible)", still share rows rather than one column of 13
    const all = ORGANS.map((o) => o.id);
    const { height: thirteen } = await renderOverlay(image, slice.labels, { organs: all });
    expect(thirteen - 512).toBeLessThanOrEqual(row * 7);
  });

  it('measures each legend entry no narrower than the font draws it, so columns never touch', async () => {
    // librsvg draws the text at 100 px; the ink's width must fit inside the estimate (give or take
    // 0.05 em: a J's hook reaches left of its advance), and the estimate must not waste room (a flat 0.56 em a character ran "L. Duodenum" into "M. Left kidney").
    const inkWidth = async (text: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="160"><rect width="2400" height="160" fill="#000"/><text x="20" y="110" font-family="DejaVu Sans, Arial, sans-serif" font-size="100" fill="#fff">${text}</text></svg>`;
      const { info } = await sharp(Buffer.from(svg)).trim().toBuffer({ resolveWithObject: true });
      return info.width;
    };
    for (const organ of ORGANS) {
      for (const text of [`${organ.letter}. ${organ.name}`, `${organ.letter}. ${organ.name} (not visible)`]) {
        const estimate = textWidthEm(text) * 100;
        const ink = await inkWidth(text);
        expect(ink, text).toBeLessThanOrEqual(estimate + 5);
        expect(ink, text).toBeGreaterThan(estimate * 0.95);
      }
    }
  });

  it('upscales tiny slices for readability and keeps the mask aligned', async () => {
    const tiny = syntheticSlice(64, 64);
    const { png, width } = await renderOverlay({ width: 64, height: 64, pixels: tiny.pixels }, tiny.labels, {
      organs: [1],
      legend: false,
    });
    expect(width).toBe(512);
    const img = await rgbOf(png);
    const orange = colourRgb(organById(1).colour);
    const liverCentre = pixel(img, Math.round(0.3 * 512), Math.round(0.42 * 512));
    expect(liverCentre[0]).toBeGreaterThan(liverCentre[2] + 20); // tinted orange
    expect(orange[0]).toBeGreaterThan(orange[2]);
  });

  it('zooms on a box and can draw bounding boxes', async () => {
    const { width, height } = await renderOverlay(image, slice.labels, {
      organs: [9],
      zoomTo: [170, 136, 200, 172],
      showBoxes: true,
    });
    expect(Math.max(width, height)).toBeGreaterThanOrEqual(512);
    expect(Math.max(width, height)).toBeLessThan(1024); // a crop around the organ, not the whole slice
  });

  it('writes the mask and label PNGs on the input grid', async () => {
    const maskPng = await renderMaskPng(slice.labels, 512, 512, [2, 13]);
    expect(maskPng[25]).toBe(0); // PNG colour type 0: a single gray channel
    const mask = await sharp(maskPng).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([mask.info.width, mask.info.height]).toEqual([512, 512]);
    let on = 0;
    let expected = 0;
    for (let i = 0; i < slice.labels.length; i++) {
      if (mask.data[i] === 255) on++;
      if (slice.labels[i] === 2 || slice.labels[i] === 13) expected++;
      expect([0, 255]).toContain(mask.data[i]);
    }
    expect(on).toBe(expected);
    const labelPng = await renderLabelPng(slice.labels, 512, 512);
    expect([labelPng[24], labelPng[25]]).toEqual([8, 0]); // 8-bit gray
    const labels = await sharp(labelPng).extractChannel(0).raw().toBuffer();
    expect(Buffer.compare(labels, Buffer.from(slice.labels))).toBe(0);
  });

  it('alt text says which organ, which colour and where', () => {
    expect(overlayAltText([{ id: 9, bbox: [170, 136, 200, 172] }], 512, 512)).toBe(
      "Slice with the gallbladder highlighted in green, on the patient's right, anterior",
    );
    expect(overlayAltText([{ id: 3, bbox: null }], 512, 512)).toContain('not visible');
  });
});
