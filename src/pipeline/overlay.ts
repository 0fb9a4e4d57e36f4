/**
 * Draws the answer: the slice in gray, each chosen organ filled semi-transparently in its colour with
 * a crisp outline, an optional bounding box, and a legend strip under the slice (letter + name), so
 * the legend never hides anatomy. Tiny slices are upscaled so the picture reads at a glance on a phone.
 */
import sharp, { type OverlayOptions as SharpLayer } from 'sharp';
import type { Slice } from './decode/types.js';
import { colourRgb, type OrganId, organById } from './organs.js';
import { resizeBilinear } from './resample.js';

export interface OverlayOptions {
  /** Organs to draw, in legend order. Organs with no pixels in `labels` are listed as "not visible". */
  organs: OrganId[];
  /** `filled` (default): translucent fill + outline; `outline`: outline only. */
  style?: 'filled' | 'outline';
  /** Draw each organ's bounding box (default false). */
  showBoxes?: boolean;
  /** Fill opacity 0..1 (default 0.35). */
  fillOpacity?: number;
  /** Crop to this [x1, y1, x2, y2] box (plus a margin) before drawing: "zoom in on it". */
  zoomTo?: [number, number, number, number];
  /** Slices smaller than this on their longer side are upscaled by an integer factor (default 512). */
  minSide?: number;
  /** Legend on (default) or off. */
  legend?: boolean;
}

export interface RenderedOverlay {
  png: Buffer;
  width: number;
  height: number;
}

interface Raster {
  width: number;
  height: number;
  gray: Float32Array;
  labels: Uint8Array;
}

function crop(raster: Raster, box: [number, number, number, number]): Raster {
  const [bx1, by1, bx2, by2] = box;
  const margin = Math.round(Math.max(bx2 - bx1, by2 - by1) * 0.35) + 8;
  const x1 = Math.max(0, bx1 - margin);
  const y1 = Math.max(0, by1 - margin);
  const x2 = Math.min(raster.width - 1, bx2 + margin);
  const y2 = Math.min(raster.height - 1, by2 + margin);
  const width = x2 - x1 + 1;
  const height = y2 - y1 + 1;
  const gray = new Float32Array(width * height);
  const labels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      gray[y * width + x] = raster.gray[(y + y1) * raster.width + x + x1] as number;
      labels[y * width + x] = raster.labels[(y + y1) * raster.width + x + x1] as number;
    }
  }
  return { width, height, gray, labels };
}

/** Integer upscale: bilinear for the image, nearest for the labels (masks stay exact). */
function upscale(raster: Raster, factor: number): Raster {
  if (factor <= 1) return raster;
  const width = raster.width * factor;
  const height = raster.height * factor;
  const gray = resizeBilinear(raster.gray, raster.width, raster.height, width, height);
  const labels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * raster.width;
    for (let x = 0; x < width; x++)
      labels[y * width + x] = raster.labels[row + Math.floor(x / factor)] as number;
  }
  return { width, height, gray, labels };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function renderOverlay(
  slice: Slice,
  labels: Uint8Array,
  options: OverlayOptions,
): Promise<RenderedOverlay> {
  let raster: Raster = { width: slice.width, height: slice.height, gray: slice.pixels, labels };
  if (options.zoomTo) raster = crop(raster, options.zoomTo);
  const minSide = options.minSide ?? 512;
  const factor = Math.min(8, Math.max(1, Math.ceil(minSide / Math.max(raster.width, raster.height))));
  raster = upscale(raster, factor);
  const { width, height, gray } = raster;
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < gray.length; i++) {
    const v = Math.round(Math.min(1, Math.max(0, gray[i] as number)) * 255);
    rgb[3 * i] = v;
    rgb[3 * i + 1] = v;
    rgb[3 * i + 2] = v;
  }
  const alpha = options.style === 'outline' ? 0 : (options.fillOpacity ?? 0.35);
  // Outline thickness grows with the picture so it stays crisp but visible on a phone.
  const thickness = Math.max(1, Math.round(Math.max(width, height) / 400));
  const chosen = new Set(options.organs);
  const drawn: OrganId[] = [];
  for (const id of options.organs) {
    const [r, g, b] = colourRgb(organById(id).colour);
    let any = false;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (raster.labels[i] !== id) continue;
        any = true;
        let edge = false;
        for (let d = 1; d <= thickness && !edge; d++) {
          edge =
            x - d < 0 ||
            x + d >= width ||
            y - d < 0 ||
            y + d >= height ||
            raster.labels[i - d] !== id ||
            raster.labels[i + d] !== id ||
            raster.labels[i - d * width] !== id ||
            raster.labels[i + d * width] !== id;
        }
        const a = edge ? 1 : alpha;
        if (a === 0) continue;
        rgb[3 * i] = Math.round((rgb[3 * i] as number) * (1 - a) + r * a);
        rgb[3 * i + 1] = Math.round((rgb[3 * i + 1] as number) * (1 - a) + g * a);
        rgb[3 * i + 2] = Math.round((rgb[3 * i + 2] as number) * (1 - a) + b * a);
      }
    }
    if (any) drawn.push(id);
  }
  const boxes = overlaySvg(raster, options, drawn, factor);
  const legend =
    options.legend !== false && chosen.size > 0 ? legendStrip(options.organs, drawn, width) : null;
  const layers: SharpLayer[] = [];
  if (boxes) layers.push({ input: Buffer.from(boxes), top: 0, left: 0 });
  // The legend is a strip under the slice, never on it: a legend in a corner hid the liver.
  // sharp extends the canvas before it composites, so both layers land on the taller picture.
  if (legend) layers.push({ input: Buffer.from(legend.svg), top: height, left: 0 });
  let image = sharp(rgb, { raw: { width, height, channels: 3 } });
  if (legend) image = image.extend({ bottom: legend.height, background: LEGEND_BACKGROUND });
  if (layers.length > 0) image = image.composite(layers);
  const png = await image.png({ compressionLevel: 6 }).toBuffer();
  return { png, width, height: height + (legend?.height ?? 0) };
}

const LEGEND_BACKGROUND = '#111111';

function overlaySvg(
  raster: Raster,
  options: OverlayOptions,
  drawn: OrganId[],
  factor: number,
): string | null {
  if (!options.showBoxes || drawn.length === 0) return null;
  const { width, height } = raster;
  const parts: string[] = [];
  for (const id of drawn) {
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    for (let i = 0; i < raster.labels.length; i++) {
      if (raster.labels[i] !== id) continue;
      const x = i % width;
      const y = (i - x) / width;
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x);
      y2 = Math.max(y2, y);
    }
    parts.push(
      `<rect x="${x1 - 2}" y="${y1 - 2}" width="${x2 - x1 + 5}" height="${y2 - y1 + 5}" fill="none" stroke="${organById(id).colour}" stroke-width="${Math.max(1, factor)}" stroke-dasharray="6 4"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/**
 * The legend (swatch, letter, name; "not visible" for an organ with no pixels) as a strip as wide
 * as the picture, entries flowing into as many columns as fit, so nine organs take three rows
 * instead of a box over a third of the slice.
 */
function legendStrip(organs: OrganId[], drawn: OrganId[], width: number): { svg: string; height: number } {
  const entries = [...new Set(organs)].map((id) => {
    const organ = organById(id);
    return {
      colour: organ.colour,
      text: `${organ.letter}. ${organ.name}${drawn.includes(id) ? '' : ' (not visible)'}`,
    };
  });
  // The font follows the picture's width; past three rows it may shrink to four fifths of that
  // where a smaller size saves rows (all thirteen organs: 7 rows instead of 13 at 512 px).
  const fullSize = Math.max(12, Math.round(width / 34));
  let fontSize = fullSize;
  let columnWidths = legendColumns(entries, fontSize, width);
  const smallest =
    Math.ceil(entries.length / columnWidths.length) > 3 ? Math.max(11, Math.round(fullSize * 0.8)) : fullSize;
  for (let size = fullSize - 1; size >= smallest; size--) {
    const candidate = legendColumns(entries, size, width);
    if (Math.ceil(entries.length / candidate.length) < Math.ceil(entries.length / columnWidths.length)) {
      fontSize = size;
      columnWidths = candidate;
    }
  }
  const lineHeight = Math.round(fontSize * 1.4);
  const pad = Math.round(fontSize * 0.5);
  const columns = columnWidths.length;
  const rows = Math.ceil(entries.length / columns);
  const height = rows * lineHeight + pad;
  const parts = entries.map((entry, i) => {
    const x = pad + columnWidths.slice(0, i % columns).reduce((a, b) => a + b, 0);
    const y = pad / 2 + Math.floor(i / columns) * lineHeight;
    return (
      `<rect x="${x}" y="${y + (lineHeight - fontSize) / 2}" width="${fontSize}" height="${fontSize}" fill="${entry.colour}"/>` +
      `<text x="${x + fontSize * 1.5}" y="${y + lineHeight / 2 + fontSize * 0.36}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" fill="#ffffff">${escapeXml(entry.text)}</text>`
    );
  });
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`,
    height,
  };
}

/**
 * Column widths for the legend at `fontSize`: the most columns (entries row by row, each column as
 * wide as its longest entry) that fit across `width`. An entry is a swatch (1.5 em), its text as
 * DejaVu Sans sets it and a one-em gap before the next column.
 */
function legendColumns(entries: { text: string }[], fontSize: number, width: number): number[] {
  const pad = Math.round(fontSize * 0.5);
  const widths = entries.map((e) => Math.round(fontSize * (2.5 + textWidthEm(e.text))));
  for (let columns = entries.length; columns > 1; columns--) {
    const candidate = Array.from({ length: columns }, (_, c) =>
      Math.max(...widths.filter((_, i) => i % columns === c)),
    );
    // the last column needs no gap after it
    if (candidate.reduce((a, b) => a + b, 2 * pad - fontSize) <= width) return candidate;
  }
  return [Math.max(...widths)];
}

/**
 * Advance widths of DejaVu Sans (the legend's font; Arial, the fallback, is narrower), in 1/2048 em,
 * measured with librsvg. A per-character average misjudged "L. Duodenum" (0.6 em a character)
 * against "A. Liver" (0.47), so a column of wide names ran into the next one.
 */
const ADVANCE_CHARS = ' ().-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ADVANCE_UNITS = [
  651, 799, 799, 649, 739, 1455, 1405, 1431, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532,
  1612, 1235, 1612, 1423, 1300, 1217, 1499, 1401, 2025, 1403, 1251, 1403, 1255, 1300, 1126, 1300, 1260, 721,
  1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 808, 1067, 803, 1298, 1212, 1675, 1212, 1212,
  1075,
];
const DEJAVU_ADVANCE = new Map([...ADVANCE_CHARS].map((c, i) => [c, ADVANCE_UNITS[i] as number]));

/** The width of `text` in em; a character outside the table counts as wide as a capital D. */
export function textWidthEm(text: string): number {
  let units = 0;
  for (const c of text) units += DEJAVU_ADVANCE.get(c) ?? 1577;
  return units / 2048;
}

/** A single-channel PNG, 255 inside the union of `organs`, 0 elsewhere, on the slice grid. */
export async function renderMaskPng(
  labels: Uint8Array,
  width: number,
  height: number,
  organs: OrganId[],
): Promise<Buffer> {
  const chosen = new Set<number>(organs);
  const mask = Buffer.alloc(width * height);
  for (let i = 0; i < labels.length; i++) mask[i] = chosen.has(labels[i] as number) ? 255 : 0;
  // 'b-w' makes libvips write PNG colour type 0 (one gray channel) instead of expanding to RGB.
  return sharp(mask, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

/** An 8-bit PNG whose pixel values are organ ids (0 = background). */
export async function renderLabelPng(labels: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength), {
    raw: { width, height, channels: 1 },
  })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

/** Where on an axial slice a box lies, in the patient's terms (image left = patient right). */
export function describeLocation(
  bbox: [number, number, number, number],
  width: number,
  height: number,
): string {
  const cx = (bbox[0] + bbox[2]) / 2 / width;
  const cy = (bbox[1] + bbox[3]) / 2 / height;
  const side = cx < 0.4 ? "on the patient's right" : cx > 0.6 ? "on the patient's left" : 'near the midline';
  const depth = cy < 0.4 ? 'anterior' : cy > 0.6 ? 'posterior' : 'mid-depth';
  return `${side}, ${depth}`;
}

/** Alt text for an overlay: what it shows, in words. */
export function overlayAltText(
  findings: { id: OrganId; bbox: [number, number, number, number] | null }[],
  width: number,
  height: number,
  style: 'filled' | 'outline' = 'filled',
): string {
  if (findings.length === 0) return 'Slice with no organ highlighted';
  const verb = style === 'outline' ? 'outlined' : 'highlighted';
  const parts = findings.map((f) => {
    const organ = organById(f.id);
    const where = f.bbox ? `, ${describeLocation(f.bbox, width, height)}` : ' (not visible in this slice)';
    return `the ${organ.name.toLowerCase()} ${verb} in ${organ.colourName}${where}`;
  });
  return `Slice with ${parts.join('; ')}`;
}
