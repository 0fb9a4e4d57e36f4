/**
 * The `organ-seg` command as users and scripts run it: the compiled CLI (`npm test` builds first)
 * in a child process, on PNG, DICOM and NIfTI inputs made here, with the oracle test model.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { readNifti } from '../src/pipeline/decode/nifti.js';
import { ORACLE_MODEL, oraclePixels, oracleSlicePng, oracleVolumeNifti } from './helpers/bot-harness.js';
import { makeDicom } from './helpers/dicom-fixtures.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/organ-seg.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/adapters/cli/main.js', import.meta.url)));
const env = { ...process.env, MODEL_PATH: ORACLE_MODEL, LOG_LEVEL: 'silent' };

async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each command is a fresh Node process (model and resolver load every time): allow for a busy machine.
describe.skipIf(!built)('organ-seg CLI (compiled)', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'organ-seg-cli-'));
    writeFileSync(join(dir, 'slice.png'), await oracleSlicePng());
    writeFileSync(join(dir, 'volume.nii'), oracleVolumeNifti());
    const px = oraclePixels(256, [1, 2, 3, 13, 9]);
    writeFileSync(
      join(dir, 'slice.dcm'),
      makeDicom({
        rows: 256,
        columns: 256,
        bitsAllocated: 8,
        bitsStored: 8,
        modality: 'MR',
        windowCenter: 128,
        windowWidth: 256,
        pixelSpacing: [1.4, 1.4],
        pixelData: Uint8Array.from(px, (v) => Math.round(v * 255)).buffer,
      }),
    );
  });

  it('ask on a PNG prints the JSON contract and writes the overlay and mask', async () => {
    const r = await cli(
      [
        'ask',
        '--image',
        'slice.png',
        '--question',
        'Which organ stores bile?',
        '--out',
        'o.png',
        '--mask-out',
        'm.png',
        '--json',
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      letters: ['I'],
      names: ['Gallbladder'],
      noneOfThem: false,
      overlay: 'o.png',
    });
    expect(json.organs[0]).toMatchObject({ letter: 'I', name: 'Gallbladder' });
    expect(json.organs[0].bbox).toHaveLength(4);
    expect(json.organs[0].areaPx).toBeGreaterThan(100);
    expect(typeof json.explanation).toBe('string');
    const mask = await sharp(join(dir, 'm.png')).metadata();
    expect([mask.width, mask.height, mask.channels]).toEqual([256, 256, 1]);
    const maskPixels = await sharp(join(dir, 'm.png')).extractChannel(0).raw().toBuffer();
    expect(maskPixels.filter((v) => v === 255).length).toBe(json.organs[0].areaPx);
    expect((await sharp(join(dir, 'o.png')).metadata()).width).toBe(512); // small slices are upscaled
  });

  it('ask on a DICOM file gives cm² from the pixel spacing; N with the reason when the organ is absent', async () => {
    const r = await cli(
      ['ask', '--image', 'slice.dcm', '--question', 'show the spleen', '--json', '--out', 'd.png'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.letters).toEqual(['C']);
    expect(json.organs[0].areaCm2).toBeGreaterThan(1);
    const none = JSON.parse(
      (
        await cli(
          [
            'ask',
            '--image',
            'slice.dcm',
            '--question',
            'segment the pancreas',
            '--json',
            '--mask-out',
            'n.png',
          ],
          dir,
        )
      ).stdout,
    );
    expect(none).toMatchObject({ letters: ['N'], noneOfThem: true, organs: [] });
    expect(none.explanation).toMatch(/pancreas is not visible/i);
    const empty = await sharp(join(dir, 'n.png')).extractChannel(0).raw().toBuffer();
    expect(empty.every((v) => v === 0)).toBe(true);
  });

  it('ask on a NIfTI volume uses --slice as the stored index', async () => {
    const gb = JSON.parse(
      (
        await cli(
          ['ask', '--image', 'volume.nii', '--slice', '2', '--question', 'gallbladder', '--json'],
          dir,
        )
      ).stdout,
    );
    expect(gb).toMatchObject({ letters: ['I'], slice: 2, sliceCount: 5 });
    const none = JSON.parse(
      (
        await cli(
          ['ask', '--image', 'volume.nii', '--slice', '0', '--question', 'gallbladder', '--json'],
          dir,
        )
      ).stdout,
    );
    expect(none.letters).toEqual(['N']);
    const bad = await cli(['ask', '--image', 'volume.nii', '--slice', '9', '--question', 'liver'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('segment writes labels on the input grid: PNG for 2D, NIfTI with the affine for volumes', async () => {
    const png = JSON.parse(
      (await cli(['segment', '--image', 'slice.png', '--labels-out', 'labels.png', '--json'], dir)).stdout,
    );
    expect(png.organs).toMatchObject({
      1: expect.any(Number),
      2: expect.any(Number),
      3: expect.any(Number),
      9: expect.any(Number),
      13: expect.any(Number),
    });
    const labels = await sharp(join(dir, 'labels.png'))
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([labels.info.width, labels.info.height]).toEqual([256, 256]);
    expect(new Set(labels.data)).toEqual(new Set([0, 1, 2, 3, 9, 13]));
    const r = await cli(['segment', '--image', 'volume.nii', '--labels-out', 'labels.nii.gz', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const written = readNifti(readFileSync(join(dir, 'labels.nii.gz')), DEFAULT_INPUT_LIMITS);
    const source = readNifti(readFileSync(join(dir, 'volume.nii')), DEFAULT_INPUT_LIMITS);
    expect(written.geometry.dims).toEqual(source.geometry.dims);
    expect(written.geometry.affine).toEqual(source.geometry.affine);
    // The gallbladder is labelled only in stored slices 2 and 3.
    const plane = 256 * 256;
    const slicesWithGb = [0, 1, 2, 3, 4].filter((k) =>
      written.data.subarray(k * plane, (k + 1) * plane).includes(9),
    );
    expect(slicesWithGb).toEqual([2, 3]);
  });

  it('resolve answers one question or a batch, one JSON object a line', async () => {
    const one = JSON.parse((await cli(['resolve', 'which organ makes insulin?', '--json'], dir)).stdout);
    expect(one).toMatchObject({ letters: ['D'], names: ['Pancreas'] });
    writeFileSync(join(dir, 'q.txt'), 'segment the IVC\nshow both kidneys\nwhich organ helps us breathe\n');
    const lines = (await cli(['resolve', '--batch', 'q.txt'], dir)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.letters)).toEqual([['F'], ['B', 'M'], ['N']]);
  });

  it('bad input exits non-zero with one line on stderr', async () => {
    writeFileSync(join(dir, 'empty.png'), '');
    writeFileSync(join(dir, 'doc.pdf'), '%PDF-1.4\nhello');
    for (const image of ['missing.png', 'empty.png', 'doc.pdf']) {
      const r = await cli(['ask', '--image', image, '--question', 'liver'], dir);
      expect(r.code, image).not.toBe(0);
      expect(r.stderr.trim().split('\n'), image).toHaveLength(1);
      expect(r.stderr).toMatch(/^organ-seg: /);
      expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    }
    const empty = await cli(['ask', '--image', 'slice.png', '--question', '  '], dir);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/ask a question/i);
  });

  it('--help lists the commands', async () => {
    const r = await cli(['--help'], dir);
    expect(r.code).toBe(0);
    for (const command of ['ask', 'resolve', 'segment', 'eval', 'eval-questions', 'chat', 'serve'])
      expect(r.stdout).toContain(command);
  });
});
