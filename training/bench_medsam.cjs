// Time the random-weight MedSAM-sized encoder (.cache/medsam-vitb-encoder.onnx) in onnxruntime-node.
// Usage: node training/bench_medsam.cjs [.cache/medsam-vitb-encoder.onnx] [runs]
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));
(async () => {
  const file = process.argv[2] || path.join(__dirname, '..', '.cache', 'medsam-vitb-encoder.onnx');
  const runs = Number(process.argv[3] || 2);
  const sess = await ort.InferenceSession.create(file, { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const x = new ort.Tensor('float32', new Float32Array(3 * 1024 * 1024).fill(0.5), [1, 3, 1024, 1024]);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const out = await sess.run({ image: x });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (i === 0) console.log('dims', out.image_embeddings.dims);
  }
  console.log(JSON.stringify({ msPerImage: times }));
})().catch((e) => { console.error(e); process.exit(1); });
