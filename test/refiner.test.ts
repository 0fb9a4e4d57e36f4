import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import { createRefiner } from '../src/pipeline/refiner.js';
import { resizeBilinear } from '../src/pipeline/resample.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/models/${name}`, import.meta.url));

describe('box-prompt refiner (MedSAM signature, tiny random-weight fixtures)', () => {
  it('loads the encoder/decoder pair and returns a mask on the slice grid that follows the box', async () => {
    const refiner = await createRefiner({
      encoderPath: fixture('tiny-medsam-encoder.onnx'),
      decoderPath: fixture('tiny-medsam-decoder.onnx'),
    });
    const width = 300;
    const height = 200;
    const pixels = new Float32Array(width * height).map((_, i) => ((i * 7919) % 255) / 255);
    const box: [number, number, number, number] = [60, 40, 180, 150];
    const mask = await refiner.refine({ width, height, pixels }, box, 'slice-a');
    expect(mask.length).toBe(width * height);
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!mask[y * width + x]) continue;
        if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) inside++;
        else outside++;
      }
    }
    // The fixture decoder's logits grow with the distance inside the box: the mask is the box.
    const boxArea = (box[2] - box[0] + 1) * (box[3] - box[1] + 1);
    expect(inside / boxArea).toBeGreaterThan(0.8);
    expect(outside / boxArea).toBeLessThan(0.1);
    // A second organ on the same slice reuses the cached embeddings and still follows its own box.
    const second = await refiner.refine({ width, height, pixels }, [200, 20, 290, 60], 'slice-a');
    expect(second[40 * width + 250]).toBe(1);
    expect(second[100 * width + 100]).toBe(0);
    await expect(refiner.refine({ width, height, pixels }, [10, 10, 400, 20])).rejects.toMatchObject({
      code: ErrorCode.InputCorrupt,
    });
    await refiner.close();
  });

  it('refuses missing files and models with the wrong signature', async () => {
    await expect(
      createRefiner({ encoderPath: '/nope.onnx', decoderPath: fixture('tiny-medsam-decoder.onnx') }),
    ).rejects.toMatchObject({
      code: ErrorCode.ModelUnavailable,
    });
    await expect(
      createRefiner({
        encoderPath: fixture('tiny-organ-seg.onnx'),
        decoderPath: fixture('tiny-medsam-decoder.onnx'),
      }),
    ).rejects.toMatchObject({ code: ErrorCode.ModelInvalid });
  });

  it('resizes bilinearly with pixel-centre alignment', () => {
    const up = resizeBilinear(new Float32Array([0, 1]), 2, 1, 4, 1);
    expect(Array.from(up)).toEqual([0, 0.25, 0.75, 1]);
  });
});
