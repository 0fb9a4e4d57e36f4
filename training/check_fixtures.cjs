// Run the tiny fixtures in onnxruntime-node and print their output shapes.
// Usage: node training/check_fixtures.cjs [test/fixtures/models]
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));
const dir = process.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'models');
const T = (dims, fill = () => Math.random()) => new ort.Tensor('float32', Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, fill), dims);
(async () => {
  const seg = await ort.InferenceSession.create(path.join(dir, 'tiny-organ-seg.onnx'));
  let o = await seg.run({ image: T([2, 1, 256, 256]) });
  console.log('tiny-organ-seg', seg.inputNames, seg.outputNames, o.logits.dims);
  const enc = await ort.InferenceSession.create(path.join(dir, 'tiny-medsam-encoder.onnx'));
  o = await enc.run({ image: T([1, 3, 1024, 1024]) });
  console.log('tiny-medsam-encoder', enc.inputNames, enc.outputNames, o.image_embeddings.dims);
  const dec = await ort.InferenceSession.create(path.join(dir, 'tiny-medsam-decoder.onnx'));
  const r = await dec.run({ image_embeddings: o.image_embeddings, boxes: new ort.Tensor('float32', Float32Array.from([256, 256, 768, 768]), [1, 1, 4]) });
  const m = r.low_res_masks; const at = (y, x) => m.data[y * 256 + x];
  console.log('tiny-medsam-decoder', dec.inputNames, dec.outputNames, m.dims, 'centre', at(128, 128).toFixed(2), 'corner', at(2, 2).toFixed(2));
})().catch((e) => { console.error(e); process.exit(1); });
