/**
 * Fits an overlay PNG into what Teams shows inline in an Adaptive Card: at most 1024 × 1024 pixels
 * and 1 MB (Teams' documented limit for pictures in bot messages). Larger overlays are scaled down,
 * never cropped, so every outlined organ stays in view.
 */
import sharp from 'sharp';
import type { ReplyImage } from '../../bot/types.js';
import type { TeamsInlineImage } from './translate.js';

/** Teams' cap on inline pictures, per side. */
export const TEAMS_MAX_IMAGE_SIDE = 1024;
/** Teams' cap on inline pictures, in bytes of the encoded image (before base64). */
export const TEAMS_MAX_IMAGE_BYTES = 1_000_000;

export async function fitImageForTeams(
  image: ReplyImage,
  limits: { maxSide?: number; maxBytes?: number } = {},
): Promise<TeamsInlineImage> {
  const maxSide = limits.maxSide ?? TEAMS_MAX_IMAGE_SIDE;
  const maxBytes = limits.maxBytes ?? TEAMS_MAX_IMAGE_BYTES;
  let { width, height } = image;
  let png = image.png;
  if (width <= maxSide && height <= maxSide && png.length <= maxBytes) {
    return {
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
      altText: image.altText,
      width,
      height,
    };
  }
  let scale = Math.min(1, maxSide / Math.max(width, height));
  // Each pass shrinks by a quarter; a 40-megapixel overlay is under 1 MB after a few passes.
  for (let attempt = 0; attempt < 8; attempt++) {
    width = Math.max(1, Math.round(image.width * scale));
    height = Math.max(1, Math.round(image.height * scale));
    png = await sharp(image.png)
      .resize(width, height, { fit: 'fill' })
      .png({ compressionLevel: 9 })
      .toBuffer();
    if (png.length <= maxBytes) break;
    scale *= 0.75;
  }
  return {
    dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    altText: image.altText,
    width,
    height,
  };
}
