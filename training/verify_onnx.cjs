// Check an exported ONNX in onnxruntime-node against torch reference outputs
// written by export.py (or adrenal.py export), and time one input (2 intra-op threads). The input
// shape [N, C, H, W] is read from the model's JSON sidecar.
// Usage: node training/verify_onnx.cjs models/organ-seg-v5.onnx training/.runs/onnx-check
const fs = require('fs');
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));

async function main() {
  const [model, dir] = process.argv.slice(2);
  const sess = await ort.InferenceSession.create(model, { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const rd = (f) => { const b = fs.readFileSync(path.join(dir, f)); return new Float32Array(b.buffer, b.byteOffset, b.length / 4); };
  const x = rd('input.f32');
  const ref = rd('logits.f32');
  const [, c, h, w] = JSON.parse(fs.readFileSync(model.replace(/\.onnx$/, '.json'), 'utf8')).input.shape;
  const out = await sess.run({ image: new ort.Tensor('float32', x, [2, c, h, w]) });
  const y = out.logits.data;
  let maxAbs = 0;
  for (let i = 0; i < y.length; i++) maxAbs = Math.max(maxAbs, Math.abs(y[i] - ref[i]));
  console.log(JSON.stringify({ dims: out.logits.dims, maxAbsDiff: maxAbs }));
  const one = new ort.Tensor('float32', x.slice(0, c * h * w), [1, c, h, w]);
  for (let i = 0; i < 3; i++) await sess.run({ image: one });
  const n = 20; const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await sess.run({ image: one });
  console.log(JSON.stringify({ msPerSlice: Number(process.hrtime.bigint() - t) / 1e6 / n }));
}
main().catch((e) => { console.error(e); process.exit(1); });
